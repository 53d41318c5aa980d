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

test('cookies, free-form headers, multipart parts and path segments are values too', () => {
  const headers = "Cookie: lang=fr; pref=a'b\nAccept: text/html;q=0.9,*/*;q='x'\nX-Ref: o'k\n";
  assert.deepEqual(values({ headers }), [['cookie:pref', "a'b", "a'b"], ['header:x-ref', "o'k", "o'k"]]);
  const body = '--B1\nContent-Disposition: form-data; name="note"; filename="a\'b.txt"\nContent-Type: text/plain\n\nl\'avis\n--B1--\n';
  assert.deepEqual(values({ body }), [['body:note', "a'b.txt", "a'b.txt"], ['body:note', "l'avis", "l'avis"]]);
  assert.deepEqual(values({ path: "/item/7'" }).map(([l, t]) => [l, t]), [['path', "/item/7'"], ['path', "7'"]]);
  assert.deepEqual(values({ body: 'pay%3D1%27' }).map(([l, t]) => [l, t]), [['body', "pay=1'"], ['body:pay', "1'"]]);
});

test('a slash inside a quoted run of a path is part of the segment, not a separator', () => {
  const segments = (path: string): string[] => values({ path }, `'"<;`).map(([, t]) => t).slice(1);
  assert.deepEqual(segments('/blog/x/"file://$file";'), ['"file://$file";']);
  assert.deepEqual(segments('/blog/x/%22file://$file%22;'), ['"file://$file";']);
  assert.deepEqual(segments("/item/7'/edit"), ["7'"], 'a quote that never closes does not join segments');
});
