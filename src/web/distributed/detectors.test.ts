import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findFlood, findScan, findStuffing } from './detectors.js';
import type { EndpointHour, SignInDay } from '../repository/site-queries.js';

const days = (n: number, requests = 5000): Array<{ day: string; requests: number }> =>
  Array.from({ length: n }, (_, i) => ({ day: new Date(Date.UTC(2025, 3, 1 + i)).toISOString().slice(0, 10), requests }));

const signIn = (day: string, posts: number, failures: number, failingClients: number): SignInDay => ({ endpoint: '/login', day, posts, failures, failingClients });

test('two weeks of failed sign-ins over a quiet week is credential stuffing, with the baseline it left', () => {
  const d = days(21);
  const rows = d.map((x, i) => (i < 7 ? signIn(x.day, 50, 10, 9) : signIn(x.day, 300, 250, 80)));
  const [w, ...rest] = findStuffing(d, rows);
  assert.equal(rest.length, 0);
  assert.equal(w!.excess.class, 'credential_stuffing');
  assert.equal(w!.excess.window_start, '2025-04-08T00:00:00.000Z');
  assert.equal(w!.excess.figures.days, 14);
  assert.equal(w!.excess.baseline.failed_share, 0.2);
});

test('a crowd that fails sign-ins in the usual proportion is no stuffing, however large', () => {
  const d = days(21).map((x, i) => ({ ...x, requests: i === 10 ? 60000 : 5000 }));
  const rows = d.map((x, i) => signIn(x.day, i === 10 ? 1200 : 50, i === 10 ? 240 : 10, i === 10 ? 200 : 9));
  assert.deepEqual(findStuffing(d, rows), []);
});

test('a history that is stuffing from its first day still reads as stuffing (the usual failed share is capped)', () => {
  const d = days(14);
  const [w, ...rest] = findStuffing(d, d.map((x) => signIn(x.day, 300, 270, 90)));
  assert.equal(rest.length, 0);
  assert.equal(w!.excess.figures.days, 14);
  assert.equal(w!.excess.baseline.learned_failed_share, 0.9);
  assert.equal(w!.excess.baseline.failed_share, 0.4);
  assert.equal(w!.excess.baseline.failures_per_day, 120);
});

test('a slow scan over days stands out of the background; two odd days do not', () => {
  const d = days(21);
  const scan = findScan(d, d.map((x, i) => ({ day: x.day, light: i < 7 ? 3 : 13 })));
  assert.equal(scan.length, 1);
  assert.equal(scan[0]!.excess.window_start, '2025-04-08T00:00:00.000Z');
  assert.deepEqual(findScan(d, d.map((x, i) => ({ day: x.day, light: i === 9 || i === 15 ? 20 : 3 }))), []);
});

test('a two-hour flood of new addresses that load no page and get refused is a distributed flood; a monitor that starts once is not', () => {
  const d = days(3);
  const hour = (h: number, requests: number, failures: number, newBare: number): EndpointHour => ({ endpoint: '/api/x', hour: new Date(Date.UTC(2025, 3, 1, h)).toISOString().slice(0, 13), requests, failures, newBare });
  const quiet = Array.from({ length: 72 }, (_, h) => hour(h, 20, 0, 0));
  const flood = quiet.map((x, h) => (h === 40 || h === 41 ? hour(h, 2000, 1600, 150) : x));
  const [w] = findFlood(d, flood);
  assert.equal(w?.excess.window_start, '2025-04-02T16:00:00.000Z');
  assert.equal(w?.excess.window_end, '2025-04-02T18:00:00.000Z');
  const monitor = quiet.map((x, h) => (h >= 30 ? hour(h, 44, 24, h === 30 ? 12 : 0) : x));
  assert.deepEqual(findFlood(d, monitor), []);
});
