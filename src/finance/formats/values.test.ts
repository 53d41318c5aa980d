import assert from 'node:assert/strict';
import test from 'node:test';
import { isRollupName, normalisePostal, parseCents, parseDate, parseDollars, splitName } from './values.js';

test('dates in every shape the files use read as ISO; impossible dates are refused', () => {
  assert.equal(parseDate('Apr 13, 2011'), '2011-04-13');
  assert.equal(parseDate('2021-09-20'), '2021-09-20');
  assert.equal(parseDate('2021/09/20 00:00:00'), '2021-09-20');
  assert.equal(parseDate('9/20/2021'), '2021-09-20');
  assert.equal(parseDate('13 avr. 2011'), '2011-04-13');
  assert.equal(parseDate(''), '');
  assert.equal(parseDate('Feb 30, 2011'), null);
  assert.equal(parseDate('yesterday'), null);
});

test('padded, grouped and French amounts are whole cents; cents columns stay cents', () => {
  assert.equal(parseDollars('   200.00'), 20000);
  assert.equal(parseDollars('1,275.00'), 127500);
  assert.equal(parseDollars('1 275,50'), 127550);
  assert.equal(parseDollars('-50'), -5000);
  assert.equal(parseDollars(''), 0);
  assert.equal(parseDollars('12abc'), null);
  assert.equal(parseCents('25000'), 25000);
  assert.equal(parseCents('250.00'), null);
});

test('names split as Last, First M and First M Last; postal codes lose their space', () => {
  assert.deepEqual(splitName('Tremblay, Jean-François M'), { last: 'Tremblay', first: 'Jean-François', middle: 'M' });
  assert.deepEqual(splitName('Gerdy H. Aarts'), { last: 'Aarts', first: 'Gerdy', middle: 'H' });
  assert.deepEqual(splitName('Wong, Siu Ming'), { last: 'Wong', first: 'Siu Ming', middle: '' });
  assert.equal(normalisePostal('k1a 0a6'), 'K1A0A6');
});

test('rollup and anonymous lines of the real files are recognised, people are not', () => {
  for (const n of ['Contributions of $200 or less', 'Contributors = 286 Z - Bulk Contributions Under $200', '(43 donateurs) 1 de 2 Contributions >200$', 'Anonymous Donor', 'Contributions de moins de $200 aucun de plus de $250']) {
    assert.equal(isRollupName(n), true, n);
  }
  for (const n of ['Darryl Aarbo', 'Tremblay, Jean-François', 'Wetchuan Zheng']) assert.equal(isRollupName(n), false, n);
});
