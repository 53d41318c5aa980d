import assert from 'node:assert/strict';
import test from 'node:test';
import { jaccardU32 } from '../detect/jaccard.js';
import { nearDuplicateClusters } from '../detect/near-duplicates.js';
import { contentWords, shingles, toSimplified } from './text.js';
import { normaliseUrl } from './url.js';

test('Traditional and Simplified copies of a message have the same words; French accents fold', () => {
  const simplified = '这位议员与北京勾结，请转发给所有华人选民！';
  const traditional = '這位議員與北京勾結，請轉發給所有華人選民！';
  assert.equal(toSimplified(traditional), simplified);
  assert.deepEqual(contentWords(traditional), contentWords(simplified));
  assert.ok(contentWords(simplified).includes('议员'), 'jieba cuts words, not characters');
  assert.deepEqual(contentWords('Élection: le DÉBAT https://x.ca/a @someone'), ['election', 'le', 'debat']);
});

test('links compare without tracking, AMP, www or trailing slashes; an empty link is no link', () => {
  const same = ['https://www.Example.ca/news/story/?utm_source=x&utm_medium=y', 'http://example.ca/news/amp/story', 'example.ca/news/story#comments', 'https://m.example.ca/news/story?fbclid=abc'];
  assert.deepEqual(new Set(same.map((u) => normaliseUrl(u))), new Set(['example.ca/news/story']));
  assert.equal(normaliseUrl(''), null);
  assert.notEqual(normaliseUrl('https://example.ca/news/story?id=2'), normaliseUrl('https://example.ca/news/story?id=3'));
});

test('near-duplicate clusters join copies with small edits and across scripts, and keep other texts apart', () => {
  const texts = [
    'MP Chen betrays our community and sells our votes to a foreign power #TruthAboutChen',
    'MP Chen betrays our community and sells our votes to a foreign power!! #TruthAboutChen',
    'MP Chen betrays our community and sells our ballots to a foreign power #TruthAboutChen',
    '這位議員與北京勾結，出賣我們的社區，請轉發給所有華人選民',
    '这位议员与北京勾结，出卖我们的社区，请转发给所有华人选民',
    'The community barbecue is on Saturday at the park, bring a chair and your family',
  ];
  const sets = texts.map((t) => shingles(contentWords(t)));
  const c = nearDuplicateClusters(sets, 0.6);
  assert.equal(c[0], c[1]);
  assert.equal(c[0], c[2]);
  assert.equal(c[3], c[4]);
  assert.notEqual(c[0], c[3]);
  assert.notEqual(c[5], c[0]);
  assert.ok(jaccardU32(sets[0]!, sets[2]!) < 1);
});
