import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findEpisodes, type WindowEvent } from './sliding-window.js';

const ev = (secs: number, path: string, ip = '203.0.113.9'): WindowEvent => ({ ts: secs * 1000, ip, path });

test('a burst of distinct paths inside the window is one episode, with its peak', () => {
  const events = [0, 1, 2, 3, 4].map((s) => ev(s, `/p${s}`));
  const episodes = findEpisodes(events, { windowMs: 10_000, minDistinctPaths: 3 });
  assert.equal(episodes.length, 1);
  assert.deepEqual({ first: episodes[0]!.first, last: episodes[0]!.last }, { first: 0, last: 4 });
  assert.equal(episodes[0]!.peak.distinctPaths, 5);
});

test('the same paths spread wider than the window do not meet the threshold', () => {
  const events = [0, 20, 40, 60, 80].map((s) => ev(s, `/p${s}`));
  assert.deepEqual(findEpisodes(events, { windowMs: 10_000, minDistinctPaths: 3 }), []);
});

test('repeating one path is not many distinct paths', () => {
  const events = [0, 1, 2, 3, 4, 5].map((s) => ev(s, '/same'));
  assert.deepEqual(findEpisodes(events, { windowMs: 10_000, minDistinctPaths: 3 }), []);
  assert.equal(findEpisodes(events, { windowMs: 10_000, minRequests: 6 }).length, 1);
});

test('two bursts far apart are two episodes', () => {
  const events = [0, 1, 2, 500, 501, 502].map((s) => ev(s, `/p${s}`));
  const episodes = findEpisodes(events, { windowMs: 10_000, minRequests: 3 });
  assert.deepEqual(episodes.map((e) => [e.first, e.last]), [[0, 2], [3, 5]]);
});

test('stuffing: many clients with few attempts each, but not one client hammering', () => {
  const spread = Array.from({ length: 8 }, (_, i) => ev(i, '/login', `198.51.100.${i + 1}`));
  assert.equal(findEpisodes(spread, { windowMs: 60_000, minDistinctClients: 6, maxRequestsPerClient: 3 }).length, 1);
  const oneHeavy = [...spread, ...[8, 9, 10, 11].map((s) => ev(s, '/login', '198.51.100.1'))];
  const episodes = findEpisodes(oneHeavy, { windowMs: 60_000, minDistinctClients: 6, maxRequestsPerClient: 3 });
  // The window is met by the first 8 requests, and stops being met once .1 has sent a 4th.
  assert.equal(episodes.length, 1);
  assert.equal(episodes[0]!.peak.distinctClients, 8);
});
