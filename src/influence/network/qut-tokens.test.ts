import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { gunzipSync } from 'node:zlib';
import { corpus } from '../../testing/corpora.js';
import { hashtagsIn, mentionsIn, TEXT_PATTERNS, urlsIn } from '../post.js';
import { generateMonth } from '../generate/month.js';
import { qutMessageKey, segmenterWords, simpleWordBreak, simpleWordSegments } from './qut-tokens.js';

const texts = (name: string): string[] => {
  const raw = readFileSync(corpus(`influence/${name}`));
  return (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').split('\n').filter(Boolean)
    .map((l) => (JSON.parse(l) as { text?: string | null }).text ?? '');
};
const ira = texts('ira538_election2016.jsonl.gz');

test('the fast word segmenter cuts every IRA tweet it takes exactly as Intl.Segmenter does', () => {
  let taken = 0;
  for (const t of ira) {
    // As the co_similar tokeniser sees the text: lower case, mentions removed.
    const cleaned = t.toLowerCase().replace(/@.*?(?=\s|$)/gu, '');
    const fast = simpleWordSegments(cleaned);
    if (!fast) continue;
    taken++;
    assert.deepEqual(fast, segmenterWords(cleaned), JSON.stringify(cleaned));
  }
  // Nine tweets in ten take the fast path (the rest have emoji, Arabic, ...).
  assert.ok(taken > 100_000, `${taken} of ${ira.length}`);
});

test('every character the fast segmenter knows behaves as its class against every other class', () => {
  // One character of each class, and the contexts rules WB3-WB13b look at.
  const reps = ['a', 'я', '1', '_', ':', '.', "'", '\u2019', ',', ';', ' ', '\r', '\n', '\v', '\t', '-', '"', '\u00a0'];
  let checked = 0;
  for (let code = 0; code <= 0xffff; code++) {
    if (simpleWordBreak(code) < 0) continue;
    const c = String.fromCharCode(code);
    const cases = [c, c + c];
    for (const r of reps) cases.push(c + r, r + c, r + c + r, 'a' + c + r, r + c + 'a', '1' + c + r, r + c + '1');
    for (const s of cases) {
      assert.deepEqual(simpleWordSegments(s), segmenterWords(s), `U+${code.toString(16)} in ${JSON.stringify(s)}`);
      checked++;
    }
  }
  assert.ok(checked > 50_000);
});

test('hashtags, mentions and links found by scanning equal the regular expressions\' matches on real and generated posts', () => {
  const { HASHTAG, MENTION, URL } = TEXT_PATTERNS;
  const all = [...ira, ...texts('state_io_vs_real_tweets.jsonl'), ...generateMonth({ seed: 7 }).posts.map((p) => p.text),
    '##a', '#a#b', 'x&#a', 'a＃b ＃c #d', 'https://a.b/c.', 'HTTPS://X.y http://z', 'httpſ://q', 'a@b @c @@d', '😀#tag 😀@me', `#${'a'.repeat(120)} #b`];
  for (const t of all) {
    assert.deepEqual(hashtagsIn(t), [...new Set([...t.matchAll(HASHTAG)].map((m) => m[1]!))], t);
    assert.deepEqual(mentionsIn(t), [...new Set([...t.matchAll(MENTION)].map((m) => m[1]!))], t);
    assert.deepEqual(urlsIn(t), [...new Set([...t.matchAll(URL)].map((m) => m[0]!.replace(/[.,;:!?]+$/, '')))], t);
  }
});

test('the co_tweet key is the toolkit\'s (lower case, mentions out, whitespace collapsed) on every IRA tweet and odd spaces', () => {
  const reference = (t: string): string => t.toLowerCase().replace(/@.*?(?=\s|$)/gu, '').split(/\s+/u).filter(Boolean).join(' ');
  for (const t of [...ira, '', ' ', '\u00a0a', 'a\u2028b', ' a  b\t', '\ufeffx', 'a @b c', '@a', 'A\r\nB']) assert.equal(qutMessageKey(t), reference(t), JSON.stringify(t));
});
