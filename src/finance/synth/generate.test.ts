import assert from 'node:assert/strict';
import test from 'node:test';
import { corpus } from '../../testing/corpora.js';
import { loadCalibration } from './calibration.js';
import { generateBenchmark } from './generate.js';
import { scoreBenchmark } from './score.js';

// A small benchmark year (4,000 background donors) on a seed the thresholds were never looked at.
test('on a generated year, the planted schemes are found, the network is one finding, look-alikes are left alone', () => {
  const b = generateBenchmark(loadCalibration(corpus('finance/derived')), { seed: 101, people: 4000 });
  const s = scoreBenchmark(b);
  assert.ok(s.precisionAtK.hits / s.precisionAtK.k >= 0.9, JSON.stringify(s.precisionAtK));
  for (const [kind, v] of Object.entries(s.schemes)) assert.ok(v.found / v.planted >= 0.9, `${kind}: ${JSON.stringify(v)}`);
  assert.equal(s.networkAsOne, true);
  const flagged = Object.values(s.negatives).reduce((n, x) => n + x.flagged, 0);
  const groups = Object.values(s.negatives).reduce((n, x) => n + x.groups, 0);
  assert.ok(flagged / groups <= 0.05, JSON.stringify(s.negatives));
  assert.ok(s.fairness.chinese.flagged / s.fairness.chinese.groups <= s.fairness.other.flagged / s.fairness.other.groups + 1e-9);
  assert.ok(s.resolution.variantJoined / s.resolution.variantPairs >= 0.9);
  assert.ok(s.resolution.homonymApart / s.resolution.homonymPairs >= 0.95);
  // Every alert cites the Act and reads in both languages.
  for (const a of s.result.alerts) {
    assert.ok(a.sections.length > 0 && a.sections.every((x) => /^s\.\d+/.test(x)));
    assert.equal(a.reasons.length, a.reasons_fr.length);
    assert.notEqual(a.reasons[0], a.reasons_fr[0]);
  }
});
