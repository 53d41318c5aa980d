import { detachString, sampledHash } from '../../core/index.js';

/**
 * Remembers the scan of recently seen values of a long, repetitive part (User-Agent, Referer):
 * a few thousand distinct values cover most of a site's traffic, and replaying a scan is far
 * cheaper than redoing it.
 *
 * Keyed by a hash of the length and a few sampled characters, then confirmed with `===`:
 * a `Map` would hash every character of each freshly parsed string, which costs about as much
 * as the scan it saves.
 */

/** What a scan of one value found: its normalised text and the literal indices that hit. */
export interface MemoEntry {
  raw: string;
  text: string;
  literals: readonly number[];
}

/**
 * Direct-mapped, fixed size: a newer value evicts the one in its slot, so memory is bounded.
 *
 * @example
 * const memo = new PartMemo(1024);
 * memo.get(ua) ?? memo.set(ua, normalised, hits);
 */
export class PartMemo {
  readonly #slots: Array<MemoEntry | undefined>;
  readonly #mask: number;

  /** @param size number of slots, rounded up to a power of two. */
  constructor(size: number) {
    let n = 1;
    while (n < size) n <<= 1;
    this.#slots = new Array<MemoEntry | undefined>(n).fill(undefined);
    this.#mask = n - 1;
  }

  get(raw: string): MemoEntry | undefined {
    const entry = this.#slots[this.#slot(raw)];
    return entry !== undefined && entry.raw === raw ? entry : undefined;
  }

  set(raw: string, text: string, literals: readonly number[]): MemoEntry {
    // Detached: a parsed value is a slice that would pin its whole chunk of text in memory.
    const own = detachString(raw);
    const entry = { raw: own, text: text === raw ? own : detachString(text), literals };
    this.#slots[this.#slot(raw)] = entry;
    return entry;
  }

  #slot(raw: string): number {
    return sampledHash(raw) & this.#mask;
  }
}
