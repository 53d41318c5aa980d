import { compareWords, parseCidr } from './ip-words.js';

/** The value of a gap between ranges. */
export const NO_VALUE = 0xffffffff;

/**
 * Address ranges to values, for IPv4 and IPv6, binary-searched. Stored as sorted range starts
 * with one value each; a gap between ranges is an entry whose value is {@link NO_VALUE}, so no
 * ends are stored. IPv4 starts are plain numbers; IPv6 starts are four 32-bit words.
 *
 * @example
 * const index = RangeIndex.fromCidrs(['10.0.0.0/8']);
 * index.lookupV4(ipv4ToNumber('10.1.2.3')) // 0
 */
export class RangeIndex {
  readonly #v4Starts: Uint32Array;
  readonly #v4Values: Uint32Array;
  readonly #v6Starts: Uint32Array;
  readonly #v6Values: Uint32Array;

  constructor(v4Starts: Uint32Array, v4Values: Uint32Array, v6Starts: Uint32Array, v6Values: Uint32Array) {
    this.#v4Starts = v4Starts;
    this.#v4Values = v4Values;
    this.#v6Starts = v6Starts;
    this.#v6Values = v6Values;
  }

  /** Union of CIDR blocks (value 0 for all); lines that are blank or `#` comments are skipped. */
  static fromCidrs(lines: Iterable<string>): RangeIndex {
    const builder = new RangeIndexBuilder();
    for (const line of lines) builder.addCidr(line, 0);
    return builder.build();
  }

  /** Number of stored entries (ranges and gaps), for both families. */
  get entries(): { v4: number; v6: number } {
    return { v4: this.#v4Values.length, v6: this.#v6Values.length };
  }

  /** The value of the range holding `n` (an IPv4 as number), or -1. */
  lookupV4(n: number): number {
    const found = lastAtOrBelow(this.#v4Starts, n);
    if (found < 0) return -1;
    const v = this.#v4Values[found]!;
    return v === NO_VALUE ? -1 : v;
  }

  /** Call `visit(start, end, value)` for every IPv4 range with a value, in address order. */
  forEachV4(visit: (start: number, end: number, value: number) => void): void {
    const starts = this.#v4Starts;
    const values = this.#v4Values;
    for (let i = 0; i < values.length; i++) {
      if (values[i] === NO_VALUE) continue;
      const end = i + 1 < starts.length ? starts[i + 1]! - 1 : 0xffffffff;
      visit(starts[i]!, end, values[i]!);
    }
  }

  /** The value of the range holding `words` (an IPv6 as four words), or -1. */
  lookupV6(words: Uint32Array): number {
    const starts = this.#v6Starts;
    let lo = 0;
    let hi = this.#v6Values.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (compareWords(starts, mid * 4, words, 0) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return -1;
    const v = this.#v6Values[found]!;
    return v === NO_VALUE ? -1 : v;
  }
}

interface V6Range { start: Uint32Array; end: Uint32Array; value: number }

/**
 * Collects ranges in any order, then builds a {@link RangeIndex}. Overlaps are resolved by start:
 * a range with the same value is merged into the one it overlaps; a range with another value
 * only keeps its part past the earlier range (registry blocks never overlap in practice).
 */
export class RangeIndexBuilder {
  readonly #v4: number[] = [];
  readonly #v6: V6Range[] = [];

  /** Add a CIDR (or bare address); returns false when the text is not one. Comments/blank lines return true. */
  addCidr(text: string, value: number): boolean {
    const t = text.trim();
    if (t === '' || t.startsWith('#')) return true;
    const cidr = parseCidr(t);
    if (!cidr) return false;
    if (cidr.family === 4) this.addV4(cidr.start, cidr.end, value);
    else this.addV6(cidr.start, cidr.end, value);
    return true;
  }

  addV4(start: number, end: number, value: number): void {
    this.#v4.push(start, end, value);
  }

  addV6(start: Uint32Array, end: Uint32Array, value: number): void {
    this.#v6.push({ start, end, value });
  }

  build(): RangeIndex {
    return new RangeIndex(...this.buildArrays());
  }

  /** The index's arrays (IPv4 starts, values, IPv6 starts as words, values), e.g. to write to a file. */
  buildArrays(): [Uint32Array, Uint32Array, Uint32Array, Uint32Array] {
    return [...this.#buildV4(), ...this.#buildV6()];
  }

  #buildV4(): [Uint32Array, Uint32Array] {
    const r = this.#v4;
    const order = Array.from({ length: r.length / 3 }, (_, i) => i * 3).sort((a, b) => r[a]! - r[b]! || r[b + 1]! - r[a + 1]!);
    const starts: number[] = [];
    const values: number[] = [];
    let prevEnd = -1;
    let prevValue = -1;
    for (const i of order) {
      let start = r[i]!;
      const end = r[i + 1]!;
      const value = r[i + 2]!;
      if (end <= prevEnd) continue;
      if (start <= prevEnd + 1 && value === prevValue) {
        prevEnd = end;
        continue;
      }
      if (start <= prevEnd) start = prevEnd + 1;
      if (prevEnd >= 0 && start > prevEnd + 1) {
        starts.push(prevEnd + 1);
        values.push(NO_VALUE);
      }
      starts.push(start);
      values.push(value);
      prevEnd = end;
      prevValue = value;
    }
    if (prevEnd >= 0 && prevEnd < 0xffffffff) {
      starts.push(prevEnd + 1);
      values.push(NO_VALUE);
    }
    return [Uint32Array.from(starts), Uint32Array.from(values)];
  }

  #buildV6(): [Uint32Array, Uint32Array] {
    const r = this.#v6.sort((a, b) => compareWords(a.start, 0, b.start, 0) || compareWords(b.end, 0, a.end, 0));
    const starts: Uint32Array[] = [];
    const values: number[] = [];
    let prevEnd: Uint32Array | null = null;
    let prevValue = -1;
    for (const range of r) {
      let start = range.start;
      if (prevEnd && compareWords(range.end, 0, prevEnd, 0) <= 0) continue;
      const afterPrev = prevEnd ? increment(prevEnd) : null;
      if (afterPrev && compareWords(start, 0, afterPrev, 0) <= 0) {
        if (range.value === prevValue) {
          prevEnd = range.end;
          continue;
        }
        start = afterPrev;
      } else if (afterPrev) {
        starts.push(afterPrev);
        values.push(NO_VALUE);
      }
      starts.push(start);
      values.push(range.value);
      prevEnd = range.end;
      prevValue = range.value;
    }
    const tail = prevEnd ? increment(prevEnd) : null;
    if (tail) {
      starts.push(tail);
      values.push(NO_VALUE);
    }
    const flat = new Uint32Array(starts.length * 4);
    starts.forEach((w, i) => flat.set(w, i * 4));
    return [flat, Uint32Array.from(values)];
  }
}

/** `w + 1` as new words, or null past the last address. */
function increment(w: Uint32Array): Uint32Array | null {
  const out = Uint32Array.from(w);
  for (let k = 3; k >= 0; k--) {
    if (out[k] !== 0xffffffff) {
      out[k] = out[k]! + 1;
      return out;
    }
    out[k] = 0;
  }
  return null;
}

/**
 * Index of the last of the sorted `starts` that is ≤ `n`, or -1: the range holding `n` when
 * ranges are stored by their first address.
 *
 * @example
 * lastAtOrBelow(Uint32Array.of(0, 10, 20), 15) // 1
 */
export function lastAtOrBelow(starts: ArrayLike<number>, n: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= n) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
