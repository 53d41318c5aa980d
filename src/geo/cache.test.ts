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

test('a cap of 1 holds one entry, and a refreshed entry outlives half the cap of newer ones', () => {
  const one = new LruCache<string, number>(1);
  one.set('a', 1);
  one.set('b', 2);
  assert.equal(one.size, 1);
  assert.equal(one.get('b'), 2);
  const cache = new LruCache<number, number>(100);
  for (let i = 0; i < 150; i++) cache.set(i, i);
  assert.equal(cache.get(0), undefined, 'the oldest entries are gone');
  assert.equal(cache.get(60), 60, 'the last 100 are kept');
  for (let i = 1000; i < 1049; i++) cache.set(i, i);
  assert.equal(cache.get(60), 60, 'used, then 49 newer entries: still there');
  cache.set(60, 7);
  assert.equal(cache.get(60), 7, 'set replaces a value');
  assert.ok(cache.size <= 100);
});
