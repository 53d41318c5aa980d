import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { AnswerCache } from './answer-cache.js';

describe('AnswerCache', () => {
  it('shares one computation between identical requests until the data changes', async () => {
    const cache = new AnswerCache(10);
    let runs = 0;
    const compute = async (): Promise<number> => ++runs;
    assert.deepEqual(await Promise.all([cache.get('a', compute), cache.get('a', compute)]), [1, 1]);
    assert.equal(await cache.get('a', compute), 1);
    cache.invalidate();
    assert.equal(await cache.get('a', compute), 2);
  });

  it('forgets failures and bounds its size', async () => {
    const cache = new AnswerCache(2);
    await assert.rejects(cache.get('x', () => Promise.reject(new Error('db busy'))));
    assert.equal(await cache.get('x', async () => 'ok'), 'ok');
    let runs = 0;
    await cache.get('k1', async () => ++runs);
    await cache.get('k2', async () => ++runs);
    await cache.get('k3', async () => ++runs); // evicts the oldest
    await cache.get('k1', async () => ++runs);
    assert.equal(runs, 4);
  });
});
