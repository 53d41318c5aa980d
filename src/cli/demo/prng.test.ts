import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Prng, weighted } from './prng.js';

describe('Prng', () => {
  it('repeats for a seed and spreads evenly', () => {
    const a = new Prng('seed');
    const b = new Prng('seed');
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const n = a.int(10);
      assert.equal(n, b.int(10));
      counts[n]!++;
    }
    for (const c of counts) assert.ok(c > 9_500 && c < 10_500, String(c));
  });

  it('picks by weight', () => {
    const pick = weighted([['a', 1], ['b', 3]] as const);
    const rng = new Prng(5);
    let b = 0;
    for (let i = 0; i < 40_000; i++) if (pick(rng) === 'b') b++;
    assert.ok(Math.abs(b / 40_000 - 0.75) < 0.01);
  });
});
