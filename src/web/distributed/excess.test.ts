import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quantile, sustainedRuns } from './excess.js';

test('the quartile of a history half under attack is still the quiet level', () => {
  const quiet = [10, 12, 9, 11, 10, 13, 12];
  const attacked = [80, 85, 90, 78, 88, 92, 81];
  assert.ok(quantile([...quiet, ...attacked], 0.25) < 13);
  assert.equal(quantile([], 0.5), 0);
  assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
});

test('a run needs enough periods above the baseline; one-period gaps are bridged', () => {
  assert.deepEqual(sustainedRuns([false, true, true, false, true, false, false, false], 3, 1), [{ from: 1, to: 4, above: 3 }]);
  assert.deepEqual(sustainedRuns([true, false, false, true], 2, 1), []);
  assert.deepEqual(sustainedRuns([true, true, false, false, true, true], 2, 1), [{ from: 0, to: 1, above: 2 }, { from: 4, to: 5, above: 2 }]);
});
