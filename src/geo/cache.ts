/**
 * A bounded, approximately least-recently-used map: a pipeline sees the same client addresses
 * over and over, so a hit must cost one Map lookup; memory stays capped whatever the log holds.
 *
 * Two generations instead of a strict LRU list: new and recently used entries live in the
 * young map; when it fills, it becomes the old map and the previous old map is dropped. A hit
 * in the young map touches nothing (a strict LRU deletes and re-inserts on every hit, which
 * halved throughput); a hit in the old map moves the entry back to the young one. An entry
 * survives at least half the cap of insertions after its last use, and never more than the cap
 * are held.
 *
 * @example
 * const cache = new LruCache<string, number>(2);
 * cache.set('a', 1); cache.get('a') // 1
 */
export class LruCache<K, V> {
  readonly #max: number;
  readonly #youngMax: number;
  #young = new Map<K, V>();
  #old = new Map<K, V>();
  #hits = 0;
  #misses = 0;

  constructor(maxEntries: number) {
    if (!(maxEntries >= 1)) throw new RangeError('LruCache: maxEntries must be at least 1');
    this.#max = Math.floor(maxEntries);
    this.#youngMax = Math.max(1, Math.floor(this.#max / 2));
  }

  get(key: K): V | undefined {
    let value = this.#young.get(key);
    if (value !== undefined) {
      this.#hits++;
      return value;
    }
    value = this.#old.get(key);
    if (value === undefined) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    this.#old.delete(key);
    this.#insert(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#old.delete(key);
    if (this.#young.has(key)) this.#young.set(key, value);
    else this.#insert(key, value);
  }

  #insert(key: K, value: V): void {
    if (this.#young.size >= this.#youngMax) {
      // A cap of 1 has no room for an old generation.
      this.#old = this.#youngMax * 2 <= this.#max ? this.#young : new Map();
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }

  get size(): number {
    return this.#young.size + this.#old.size;
  }

  /** Hits and misses since creation, for the pipeline's counters. */
  get stats(): { hits: number; misses: number } {
    return { hits: this.#hits, misses: this.#misses };
  }
}
