import { readSync } from 'node:fs';

/**
 * Sorted range starts (`w` 32-bit words each: 1 for IPv4, 2 for the top of IPv6) with one
 * 32-bit value per range: the bulk of a geolocation table.
 */
export interface SortedRanges {
  readonly count: number;
  /** Index of the last start at or below the first `w` words of `key`, or -1. */
  lastAtOrBelow(key: Uint32Array): number;
  value(index: number): number;
}

/**
 * Ranges held in memory (a table compiled or read whole).
 *
 * @example
 * new MemoryRanges(Uint32Array.of(0, 10), Uint32Array.of(7, 8), 1).lastAtOrBelow(Uint32Array.of(12)) // 1
 */
export class MemoryRanges implements SortedRanges {
  readonly count: number;
  readonly #starts: Uint32Array;
  readonly #values: Uint32Array;
  readonly #w: number;

  constructor(starts: Uint32Array, values: Uint32Array, w: number) {
    this.#starts = starts;
    this.#values = values;
    this.#w = w;
    this.count = values.length;
  }

  lastAtOrBelow(key: Uint32Array): number {
    return searchLast(this.#starts, 0, this.count, this.#w, key);
  }

  value(index: number): number {
    return this.#values[index]!;
  }
}

/** Starts per block read from disk: 1 KiB (IPv4) or 2 KiB (IPv6) per lookup. */
const BLOCK = 256;

/**
 * Ranges read from the table file as needed: only every 256th start stays in memory (~55 KB
 * for DB-IP's 3.5M IPv4 ranges instead of 28 MB), and a lookup reads one block of starts and
 * one value. The kernel's page cache keeps hot blocks, and that memory is not the process's:
 * this is what keeps geolocation inside the 512 MB budget of a 10M-line analysis.
 *
 * @example
 * const ranges = new FileRanges(fd, startsAt, valuesAt, count, 1);
 */
export class FileRanges implements SortedRanges {
  readonly count: number;
  readonly #fd: number;
  readonly #startsAt: number;
  readonly #valuesAt: number;
  readonly #w: number;
  /** The first start of each block. */
  readonly #samples: Uint32Array;
  readonly #block: Uint32Array;
  readonly #one = new Uint32Array(1);

  constructor(fd: number, startsAt: number, valuesAt: number, count: number, w: number) {
    this.#fd = fd;
    this.#startsAt = startsAt;
    this.#valuesAt = valuesAt;
    this.count = count;
    this.#w = w;
    this.#block = new Uint32Array(BLOCK * w);
    const blocks = Math.ceil(count / BLOCK);
    this.#samples = new Uint32Array(blocks * w);
    for (let b = 0; b < blocks; b++) {
      this.#read(this.#samples.subarray(b * w, b * w + w), startsAt + b * BLOCK * w * 4);
    }
  }

  lastAtOrBelow(key: Uint32Array): number {
    const w = this.#w;
    const b = searchLast(this.#samples, 0, this.#samples.length / w, w, key);
    if (b < 0) return -1;
    const first = b * BLOCK;
    const n = Math.min(BLOCK, this.count - first);
    const block = this.#block.subarray(0, n * w);
    this.#read(block, this.#startsAt + first * w * 4);
    return first + searchLast(block, 0, n, w, key);
  }

  value(index: number): number {
    this.#read(this.#one, this.#valuesAt + index * 4);
    return this.#one[0]!;
  }

  #read(into: Uint32Array, position: number): void {
    const bytes = new Uint8Array(into.buffer, into.byteOffset, into.byteLength);
    let done = 0;
    while (done < bytes.length) {
      const got = readSync(this.#fd, bytes, done, bytes.length - done, position + done);
      if (got === 0) throw new Error('geolocation table truncated');
      done += got;
    }
  }
}

/** Index in [from, to) of the last `w`-word start at or below `key`, or from - 1. */
function searchLast(starts: Uint32Array, from: number, to: number, w: number, key: Uint32Array): number {
  let lo = from;
  let hi = to - 1;
  let found = from - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compareStart(starts, mid * w, w, key) <= 0) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** -1, 0 or 1 as the `w`-word start at `i` sorts before, with or after the first `w` words of `key`. */
export function compareStart(starts: Uint32Array, i: number, w: number, key: Uint32Array): number {
  for (let k = 0; k < w; k++) {
    const x = starts[i + k]!;
    const y = key[k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
