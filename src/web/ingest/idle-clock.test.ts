import assert from 'node:assert/strict';
import test from 'node:test';
import { IdleClock } from './idle-clock.js';

// Times are given: what is checked is which looks count, not how long anything takes.

test('one followed path: idle once a look that began the timeout after the last data finds nothing', () => {
  const clock = new IdleClock(3000, ['a.log'], 0);
  clock.data(1000);
  assert.equal(clock.quiet('a.log', 3999), false);
  assert.equal(clock.quiet('a.log', 4000), true);
});

test('a busy path keeps a quiet one followed: idle only when every path was looked at after the silence began', () => {
  const clock = new IdleClock(3000, ['quiet.log', 'busy.log'], 0);
  // The quiet log has been silent long enough, but the busy one has not been looked at yet.
  assert.equal(clock.quiet('quiet.log', 5000), false);
  clock.data(6000); // the busy log had lines
  assert.equal(clock.quiet('busy.log', 9000), false); // the quiet log's last look predates the data
  assert.equal(clock.quiet('quiet.log', 9100), true);
});

test('a look that began before data arrived elsewhere does not count as silence', () => {
  const clock = new IdleClock(1000, ['a.log', 'b.log'], 0);
  assert.equal(clock.quiet('a.log', 2000), false);
  clock.data(2500); // read from b.log (or from a renamed a.log read through) after a's look began
  assert.equal(clock.quiet('b.log', 3400), false);
  assert.equal(clock.quiet('a.log', 3600), false); // b's last look began 900 ms after the data
  assert.equal(clock.quiet('b.log', 3600), true);
});

test('a path no longer followed does not hold the follow open; timeout 0 never ends it', () => {
  const clock = new IdleClock(1000, ['a.log', 'failed.log'], 0);
  assert.equal(clock.quiet('a.log', 5000), false); // failed.log never looked at
  clock.done('failed.log');
  assert.equal(clock.quiet('a.log', 5100), true);
  const never = new IdleClock(0, ['a.log'], 0);
  assert.equal(never.quiet('a.log', 1e12), false);
});
