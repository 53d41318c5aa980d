import assert from 'node:assert/strict';
import test from 'node:test';
import type { Contribution } from '../model.js';
import { splitName } from '../formats/values.js';
import { resolveContributors } from './resolve.js';
import { nameUnits } from './normalise-name.js';
import { compareNames } from './link.js';

let n = 0;
function row(name: string, postal: string, middle = ''): Contribution {
  const s = splitName(name);
  return {
    file: 'f.csv', row: ++n, politicalEntity: 'Candidates', recipientId: 'r1', recipient: 'R', party: 'P', district: 'D', event: '',
    contributorType: 'Individuals', contributorName: name, last: s.last, first: s.first, middle: middle || s.middle, city: 'Toronto', province: 'ON',
    postal, date: '2021-05-01', monetaryCents: 50000, nonMonetaryCents: 0, givenThrough: '', leadershipContestant: '', rollup: false,
  };
}

function sameEntity(names: Array<[string, string?]>, postal = 'M5V2T6'): boolean {
  const rows = names.map(([name, middle]) => row(name, postal, middle));
  const r = resolveContributors(rows);
  return new Set(r.entityOfRow).size === 1;
}

test('one person under romanised Chinese spellings (Pinyin, Cantonese, Wade-Giles) is one entity', () => {
  assert.ok(sameEntity([['Wang, Xiaoming'], ['Wong, Siu Ming'], ['Wang, Hsiao-Ming'], ['Xiaoming Wang']]));
  assert.ok(sameEntity([['Zhang, Wei'], ['Cheung, Wai'], ['Chang, Wei']]));
  assert.ok(sameEntity([['Chen, Jianhua'], ['Chan, Kin Wah']]));
});

test('accents, hyphens, initials, swapped order and Mac Donald are one person', () => {
  assert.ok(sameEntity([['Tremblay, Jean-François'], ['Tremblay, Jean Francois'], ['Tremblay, J.-F.'], ['Jean-François Tremblay']]));
  assert.ok(sameEntity([['MacDonald, Mary'], ['Mac Donald, Mary'], ['McDonald, Mary']]));
  assert.ok(sameEntity([['Garcia Lopez, Maria'], ['Garcia, Maria']]));
  assert.ok(sameEntity([['Côté, Hélène'], ['Cote, Helene']]));
});

test('homonyms stay apart: other middle initials, other postal codes, other given names', () => {
  assert.equal(sameEntity([['Smith, John', 'A'], ['Smith, John', 'B']]), false);
  const r = resolveContributors([row('Smith, John', 'M5V2T6'), row('Smith, John', 'M4C1B5')]);
  assert.equal(new Set(r.entityOfRow).size, 2);
  assert.equal(sameEntity([['Tremblay, Marie'], ['Tremblay, Jean']]), false);
  assert.equal(sameEntity([['Wang, Xiaoming'], ['Wang, Xiaohong']]), false);
});

test('each join carries a score and its reasons', () => {
  const v = compareNames(nameUnits('Tremblay', 'J.-F.', ''), nameUnits('Tremblay', 'Jean-François', ''));
  assert.ok(v);
  assert.deepEqual(v.reasons, ['initials']);
  assert.ok(v.score > 0.5 && v.score < 1);
});

test('a household is not one person: an initial or a Chinese given name beside several relatives joins nobody', () => {
  const rows = [row('Michelson, Ellen', 'M4W1K3'), row('Michelson, Aaron', 'M4W1K3'), row('Michelson, Xiaoxia', 'M4W1K3'), row('Michelson, A.', 'M4W1K3'), row('Michelson, Anne', 'M4W1K3')];
  const r = resolveContributors(rows);
  assert.equal(new Set(r.entityOfRow).size, 5);
  // Alone beside one English name, the alias joins.
  assert.ok(sameEntity([['Wang, David'], ['Wang, Xiaoming']], 'V6X1A1'));
});
