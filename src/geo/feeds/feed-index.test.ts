import assert from 'node:assert/strict';
import test from 'node:test';
import { ipv4ToNumber, ipv6ToWords } from '../ip-words.js';
import type { FeedFile } from './feed-file.js';
import { formatFeedFile, parseFeedFile } from './feed-file.js';
import { FeedIndex } from './feed-index.js';

const row = (prefix: string, country: string, city = '') => ({ prefix, country, subdivision: '', city, zone: '' });

test('the most specific block wins, whatever the order and whichever source lists it', () => {
  const a: FeedFile = { label: 'geofeed a.csv', kind: 'geofeed', date: '2026-01-01', rows: [row('10.0.0.0/8', 'US'), row('10.1.2.0/24', 'CA', 'Montréal, QC')] };
  const b: FeedFile = { label: 'AWS ip-ranges.json', kind: 'cloud', date: '2026-02-01', rows: [row('10.1.0.0/16', 'FR'), row('10.0.0.0/8', 'DE'), row('2001:db8::/32', 'JP'), row('2001:db8:1::/48', 'KR')] };
  // Through the installed file format and back, as lookups read them.
  const index = FeedIndex.build([parseFeedFile(formatFeedFile(a), 'feed-a.csv'), parseFeedFile(formatFeedFile(b), 'feed-aws.csv')]);
  const at = (ip: string) => index.lookupV4(ipv4ToNumber(ip));
  assert.equal(at('10.9.9.9')?.country, 'US', 'the same block twice: the first source keeps it');
  assert.equal(at('10.1.9.9')?.country, 'FR');
  assert.equal(at('10.1.2.3')?.country, 'CA');
  assert.equal(at('10.1.2.3')?.city, 'Montréal, QC');
  assert.equal(at('10.1.3.0')?.country, 'FR', 'after the inner block, the enclosing one again');
  assert.equal(at('10.2.0.0')?.feed.label, 'geofeed a.csv');
  assert.equal(at('11.0.0.0'), null);
  const w = new Uint32Array(4);
  ipv6ToWords('2001:db8:1::5', w);
  assert.equal(index.lookupV6(w)?.country, 'KR');
  ipv6ToWords('2001:db8:2::5', w);
  assert.equal(index.lookupV6(w)?.country, 'JP');
  assert.equal(index.lookupV6(w)?.feed.date, '2026-02-01');
  assert.equal(index.blocks, 6);
});
