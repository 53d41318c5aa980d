import assert from 'node:assert/strict';
import test from 'node:test';
import { LruCache } from './cache.js';

test('the cache keeps at most its cap, evicting the least recently used', () => {
  const cache = new LruCache<string, number>(2);
  cache.set('a', 1);
  cache.set('b', 2);
  assert.equal(cache.get('a'), 1);
  cache.set('c', 3);
  assert.equal(cache.size, 2);
  assert.equal(cache.get('b'), undefined);
  assert.equal(cache.get('a'), 1);
  assert.equal(cache.get('c'), 3);
  assert.deepEqual(cache.stats, { hits: 3, misses: 1 });
  assert.throws(() => new LruCache(0), RangeError);
});
