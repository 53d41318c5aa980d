import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyEvent } from '../../core/index.js';
import { charFilter, forEachValue } from './request-values.js';

function values(event: Partial<ReturnType<typeof emptyEvent>>, interesting = `'<`): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  forEachValue({ ...emptyEvent(), ...event }, charFilter(interesting), (location, text, raw) => {
    out.push([location, text, raw]);
    return false;
  });
  return out;
}

test('each value is named by where it came from, decoded, with its raw form kept', () => {
  assert.deepEqual(values({ path: '/a', query: 'lang=fr&q=l%27or&x' }), [['query:q', "l'or", 'l%27or']]);
  assert.deepEqual(values({ body: '{"user":{"name":"<b>","tags":["o\'k"]}}' }), [
    ['body:json.user.name', '<b>', '<b>'],
    ['body:json.user.tags.0', "o'k", "o'k"],
  ]);
  assert.deepEqual(values({ body: "comment=it%27s&ok=1" }), [['body:comment', "it's", 'it%27s']]);
  assert.deepEqual(values({ body: "<a x='1'/>" }), [['body', "<a x='1'/>", "<a x='1'/>"]]);
  assert.deepEqual(values({ userAgent: "curl'", referer: 'https://x/?q=%3C' }), [['user_agent', "curl'", "curl'"], ['referer', 'https://x/?q=<', 'https://x/?q=%3C']]);
});

test('clean values are skipped before any decoding', () => {
  assert.deepEqual(values({ path: '/fr/voter/inscription.html', query: 'lang=fr&page=2', userAgent: 'Mozilla/5.0' }), []);
});
