import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isVigieError } from '../core/index.js';
import { parsePeriod, periodBounds } from './period.js';

test('a period takes whole UTC days, the last one included', () => {
  assert.deepEqual(periodBounds(parsePeriod('2026-02-27', '2026-02-28')), { start: '2026-02-27 00:00:00', end: '2026-03-01 00:00:00' });
});

test('impossible dates and reversed periods are usage errors that say what to do', () => {
  for (const [from, to] of [['2026-02-30', '2026-03-01'], ['26-01-01', '2026-01-02'], ['2026-03-02', '2026-03-01']]) {
    assert.throws(() => parsePeriod(from!, to!), (err: unknown) => isVigieError(err) && err.code === 'VIGIE_ERR_USAGE' && /--(from|to)/.test(err.message));
  }
});

test('a period lies between 1970-01-01 and a year from now: 9999-12-31 and 0001-01-01 are usage errors, not database errors', () => {
  const today = new Date('2026-12-06T12:00:00Z');
  assert.deepEqual(parsePeriod('1970-01-01', '2027-12-06', today), { from: '1970-01-01', to: '2027-12-06' });
  for (const [from, to, message] of [
    ['2026-01-01', '9999-12-31', /^--to 9999-12-31 is more than a year ahead; leave --to out to cover every day with data$/],
    ['2026-01-01', '2027-12-08', /^--to 2027-12-08 is more than a year ahead/],
    ['0001-01-01', '2026-01-01', /^--from 0001-01-01 is before 1970-01-01; leave --from out to start at the first day with data$/],
    ['9999-12-31', '9999-12-31', /^--from 9999-12-31 is more than a year ahead/],
  ] as const) {
    assert.throws(() => parsePeriod(from, to, today), (err: unknown) => isVigieError(err) && err.code === 'VIGIE_ERR_USAGE' && message.test(err.message), `${from} ${to}`);
  }
});
