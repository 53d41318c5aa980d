import assert from 'node:assert/strict';
import test from 'node:test';
import { defineCatalogue, missingCodes, renderText, textFormat } from './text.js';

test('a catalogue missing a code in one language is refused, naming the code and the language', () => {
  assert.throws(() => defineCatalogue({ en: { 'x.a': 'A', 'x.b': 'B' }, fr: { 'x.a': 'A' } } as never), /x\.b \(fr\)/);
  assert.deepEqual(missingCodes({ en: { a: 'A' }, fr: { a: 'A', b: 'B' } }), ['b (en)']);
});

test('a reason renders in each language with figures, money and lists formatted for it', () => {
  const text = defineCatalogue({
    en: { 'finance.limit': '{name} gave {amount} in {year} to {parties}', 'finance.fn': (p, f) => `${f.money(p.dollars)} (${f.pct(p.share)})` },
    fr: { 'finance.limit': '{name} a versé {amount} en {year} à {parties}', 'finance.fn': (p, f) => `${f.money(p.dollars)} (${f.pct(p.share)})` },
  });
  const reason = { code: 'finance.limit', params: { name: 'Ann Lee', amount: 12345.5, year: 'two thousand', parties: ['A', 'B', 'C'] } };
  assert.equal(renderText(reason, 'en', [text]), 'Ann Lee gave 12,345.5 in two thousand to A, B and C');
  assert.equal(renderText(reason, 'fr', [text]), 'Ann Lee a versé 12\u00a0345,5 en two thousand à A, B et C');
  assert.equal(renderText({ code: 'finance.fn', params: { dollars: 1775, share: 0.125 } }, 'fr', [text]), '1\u00a0775,00\u00a0$ (12,5\u00a0%)');
  assert.equal(renderText({ code: 'finance.fn', params: { dollars: 1775, share: 0.125 } }, 'en', [text]), '$1,775.00 (12.5%)');
});

test('an unknown code is shown as the code and its parameters, never blank', () => {
  assert.equal(renderText({ code: 'nope.x', params: { n: 1 } }, 'fr', []), 'nope.x {"n":1}');
});

test('dates are long dates in UTC in each language', () => {
  assert.equal(textFormat('en').date('2011-04-13'), 'April 13, 2011');
  assert.equal(textFormat('fr').date('2011-04-13T23:30:00Z'), '13 avril 2011');
});
