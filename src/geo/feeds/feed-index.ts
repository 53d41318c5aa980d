import { parseCidr } from '../ip-words.js';
import { RangeIndex, RangeIndexBuilder } from '../range-index.js';
import type { FeedFile, FeedHeader } from './feed-file.js';

/** What an authoritative source says of one address. */
export interface FeedAnswer {
  country: string;
  subdivision: string;
  city: string;
  zone: string;
  feed: FeedHeader;
  /** The block of the source's row that holds the address. */
  prefix: string;
}

interface Span { start: bigint; end: bigint; value: number }

/**
 * Every installed authoritative source (geofeeds, cloud region files) in one index: the most
 * specific block wins, as RFC 8805 readers do (a provider lists a /20 in one city and a /24
 * inside it in another), and between two sources listing the very same block, the first in
 * the order given. About 40 bytes a block: AWS, Google Cloud, Azure, Oracle, DigitalOcean and
 * Linode together are under 100,000 blocks.
 *
 * @example
 * const feeds = FeedIndex.build([parseFeedFile(text, 'feed-digitalocean.csv')]);
 * feeds.lookupV4(ipv4ToNumber('5.101.96.1'))?.country // 'NL'
 */
export class FeedIndex {
  readonly feeds: readonly FeedHeader[];
  readonly blocks: number;
  readonly #index: RangeIndex;
  readonly #answers: FeedAnswer[];

  private constructor(feeds: FeedHeader[], blocks: number, index: RangeIndex, answers: FeedAnswer[]) {
    this.feeds = feeds;
    this.blocks = blocks;
    this.#index = index;
    this.#answers = answers;
  }

  static build(files: readonly FeedFile[]): FeedIndex {
    const answers: FeedAnswer[] = [];
    const v4: Span[] = [];
    const v6: Span[] = [];
    let blocks = 0;
    files.forEach((file) => {
      const header: FeedHeader = { label: file.label, kind: file.kind, date: file.date };
      for (const row of file.rows) {
        const cidr = parseCidr(row.prefix);
        if (!cidr) continue;
        blocks++;
        const value = answers.push({ country: row.country, subdivision: row.subdivision, city: row.city, zone: row.zone, feed: header, prefix: row.prefix }) - 1;
        if (cidr.family === 4) v4.push({ start: BigInt(cidr.start), end: BigInt(cidr.end), value });
        else v6.push({ start: wordsToBig(cidr.start), end: wordsToBig(cidr.end), value });
      }
    });
    const builder = new RangeIndexBuilder();
    for (const s of innermost(v4)) builder.addV4(Number(s.start), Number(s.end), s.value);
    for (const s of innermost(v6)) builder.addV6(bigToWords(s.start), bigToWords(s.end), s.value);
    return new FeedIndex(files.map((f) => ({ label: f.label, kind: f.kind, date: f.date })), blocks, builder.build(), answers);
  }

  lookupV4(n: number): FeedAnswer | null {
    return this.#answers[this.#index.lookupV4(n)] ?? null;
  }

  lookupV6(words: Uint32Array): FeedAnswer | null {
    return this.#answers[this.#index.lookupV6(words)] ?? null;
  }
}

/**
 * Nested blocks flattened into disjoint spans where the innermost block wins. CIDR blocks
 * either nest or are disjoint, so one pass over them sorted by start (outer first) with a
 * stack of the enclosing blocks does it.
 */
export function innermost(spans: Span[]): Span[] {
  const sorted = spans.map((s, i) => ({ ...s, i })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end > b.end ? -1 : a.end < b.end ? 1 : a.i - b.i));
  const out: Span[] = [];
  const stack: Span[] = [];
  let cursor = -1n;
  const emitUpTo = (limit: bigint): void => {
    // Fill from the cursor up to `limit` (inclusive) with the enclosing blocks, innermost first.
    while (stack.length > 0 && cursor < limit) {
      const top = stack[stack.length - 1]!;
      const to = top.end < limit ? top.end : limit;
      if (to > cursor) out.push({ start: cursor + 1n, end: to, value: top.value });
      cursor = to;
      if (top.end <= limit) stack.pop();
    }
  };
  for (const s of sorted) {
    emitUpTo(s.start - 1n);
    while (stack.length > 0 && stack[stack.length - 1]!.end < s.start) stack.pop();
    // The same block twice: the first source keeps it.
    const top = stack[stack.length - 1];
    if (top && top.start === s.start && top.end === s.end) continue;
    if (cursor < s.start - 1n) cursor = s.start - 1n;
    stack.push(s);
  }
  emitUpTo((1n << 128n) - 1n);
  return out;
}

function wordsToBig(w: Uint32Array): bigint {
  return (BigInt(w[0]!) << 96n) | (BigInt(w[1]!) << 64n) | (BigInt(w[2]!) << 32n) | BigInt(w[3]!);
}

function bigToWords(v: bigint): Uint32Array {
  return Uint32Array.of(Number((v >> 96n) & 0xffffffffn), Number((v >> 64n) & 0xffffffffn), Number((v >> 32n) & 0xffffffffn), Number(v & 0xffffffffn));
}
