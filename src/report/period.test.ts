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
