/**
 * A bounded least-recently-used map: a pipeline sees the same client addresses over and over,
 * so a hit must cost one Map lookup; memory stays capped whatever the log holds.
 *
 * @example
 * const cache = new LruCache<string, number>(2);
 * cache.set('a', 1); cache.get('a') // 1
 */
export class LruCache<K, V> {
  readonly #max: number;
  readonly #map = new Map<K, V>();
  #hits = 0;
  #misses = 0;

  constructor(maxEntries: number) {
    if (!(maxEntries >= 1)) throw new RangeError('LruCache: maxEntries must be at least 1');
    this.#max = maxEntries;
  }

  get(key: K): V | undefined {
    const map = this.#map;
    const value = map.get(key);
    if (value === undefined) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    // Re-inserting moves the key to the young end of the Map's insertion order.
    map.delete(key);
    map.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    const map = this.#map;
    map.delete(key);
    map.set(key, value);
    if (map.size > this.#max) map.delete(map.keys().next().value as K);
  }

  get size(): number {
    return this.#map.size;
  }

  /** Hits and misses since creation, for the pipeline's counters. */
  get stats(): { hits: number; misses: number } {
    return { hits: this.#hits, misses: this.#misses };
  }
}
