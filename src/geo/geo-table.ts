import { ipv4ToNumber, ipv6ToWords } from './ip-words.js';
import { lastAtOrBelow, NO_VALUE } from './range-index.js';

/** A parsed address: IPv4 as a number, IPv6 as four words (the shape of network-type's `AddressKey`). */
export type ParsedAddress = { family: 4; n: number } | { family: 6; words: Uint32Array };

/** Marks an IPv6 main entry whose /64 is split: the low bits index the overflow table. */
export const OVERFLOW_FLAG = 0x80000000;

/** Magic of a compiled geolocation table ({@link compileMmdb}). */
export const GEO_TABLE_MAGIC = 'VGGEO001';

/** Header of a compiled geolocation table: its source, data date and sizes. */
export interface GeoTableHeader {
  date: string;
  source: string;
  family: 4 | 6;
  /** Range entries (gaps included). */
  ranges: number;
  /** 32-bit words per range start: 1 for IPv4, 2 (the top 64 bits) for IPv6. */
  startWords: 1 | 2;
  /** IPv6 sub-ranges of the /64 blocks split inside (four-word starts). */
  overflow: number;
  /** Distinct (country, region, city) records. */
  records: number;
  strings: number;
}

/** The fields vigie reads from a geolocation record, named as DB-IP and geo-whois-asn name them. */
export interface GeoRecord {
  country_code?: string;
  state1?: string;
  city?: string;
}

/**
 * A geolocation database compiled from an MMDB file into sorted range starts, an index per range
 * into a table of distinct (country, region, city) records, and their strings; all
 * little-endian 32-bit words, used in place without parsing. Answers as the MMDB does for the
 * fields vigie reads, in a fraction of its memory, and only for its own address family.
 *
 * @example
 * const table = GeoTable.fromBuffer(readFileSync('data/geo/dbip-city-ipv4.bin'));
 * table.get('24.48.0.1') // { country_code: 'CA', state1: 'Quebec', city: 'Montreal (Ville-Marie)' }
 */
export class GeoTable {
  readonly header: GeoTableHeader;
  readonly #starts: Uint32Array;
  readonly #values: Uint32Array;
  readonly #overflowStarts: Uint32Array;
  readonly #overflowValues: Uint32Array;
  readonly #fields: Uint32Array;
  readonly #stringOffsets: Uint32Array;
  readonly #stringBytes: Uint8Array;
  readonly #records: (GeoRecord | undefined)[];
  readonly #strings: (string | undefined)[];
  readonly #words = new Uint32Array(4);

  private constructor(header: GeoTableHeader, arrays: Uint32Array[], stringBytes: Uint8Array) {
    this.header = header;
    [this.#starts, this.#values, this.#overflowStarts, this.#overflowValues, this.#fields, this.#stringOffsets] = arrays as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
    this.#stringBytes = stringBytes;
    this.#records = new Array(header.records);
    this.#strings = new Array(header.strings);
  }

  /** Read a compiled table; throws when it is not one. */
  static fromBuffer(buffer: Uint8Array): GeoTable {
    const { header, at, buf } = readHeader<GeoTableHeader>(buffer, GEO_TABLE_MAGIC);
    let offset = at;
    const words = (n: number): Uint32Array => {
      const view = new Uint32Array(buf.buffer, offset, n);
      offset += n * 4;
      return view;
    };
    const arrays = [
      words(header.ranges * header.startWords), words(header.ranges), words(header.overflow * 4), words(header.overflow),
      words(header.records * 3), words(header.strings + 1),
    ];
    const stringBytes = new Uint8Array(buf.buffer, offset, arrays[5]![header.strings]!);
    return new GeoTable(header, arrays, stringBytes);
  }

  /** The record for an address in text form, or null (none, or another family's address). */
  get(ip: string): GeoRecord | null {
    const n = ipv4ToNumber(ip);
    if (n >= 0) return this.header.family === 4 ? this.lookupV4(n) : null;
    if (this.header.family !== 6 || !ipv6ToWords(ip, this.#words)) return null;
    return this.lookupV6(this.#words);
  }

  /** The record for a parsed address, or null. */
  lookup(key: ParsedAddress): GeoRecord | null {
    if (key.family !== this.header.family) return null;
    return key.family === 4 ? this.lookupV4(key.n) : this.lookupV6(key.words);
  }

  lookupV4(n: number): GeoRecord | null {
    const found = lastAtOrBelow(this.#starts, n);
    return found < 0 ? null : this.#record(this.#values[found]!);
  }

  lookupV6(words: Uint32Array): GeoRecord | null {
    const starts = this.#starts;
    const w = this.header.startWords;
    let lo = 0;
    let hi = this.#values.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (compareStart(starts, mid * w, w, words) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return null;
    const v = this.#values[found]!;
    return v !== NO_VALUE && v & OVERFLOW_FLAG ? this.#record(this.#overflow(v & ~OVERFLOW_FLAG, words)) : this.#record(v);
  }

  /** The value of the sub-range holding `words`, scanning its /64's few sub-ranges from `at`. */
  #overflow(at: number, words: Uint32Array): number {
    const starts = this.#overflowStarts;
    const values = this.#overflowValues;
    let value = values[at]!;
    for (let j = at + 1; j < values.length && starts[j * 4] === words[0] && starts[j * 4 + 1] === words[1]; j++) {
      if (compareStart(starts, j * 4, 4, words) > 0) break;
      value = values[j]!;
    }
    return value;
  }

  #record(id: number): GeoRecord | null {
    if (id === NO_VALUE) return null;
    let record = this.#records[id];
    if (!record) {
      record = {};
      const country = this.#string(this.#fields[id * 3]!);
      const region = this.#string(this.#fields[id * 3 + 1]!);
      const city = this.#string(this.#fields[id * 3 + 2]!);
      if (country) record.country_code = country;
      if (region) record.state1 = region;
      if (city) record.city = city;
      this.#records[id] = record;
    }
    return record;
  }

  #string(id: number): string {
    let s = this.#strings[id];
    if (s === undefined) {
      s = new TextDecoder().decode(this.#stringBytes.subarray(this.#stringOffsets[id]!, this.#stringOffsets[id + 1]!));
      this.#strings[id] = s;
    }
    return s;
  }
}

/** -1, 0 or 1 as the `w`-word start at `i` sorts before, with or after the first `w` words of `words`. */
function compareStart(starts: Uint32Array, i: number, w: number, words: Uint32Array): number {
  for (let k = 0; k < w; k++) {
    const x = starts[i + k]!;
    const y = words[k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The JSON header of a vigie binary data file (magic, 32-bit length, JSON padded to 4 bytes) and
 * where the data after it starts. Throws when the magic is not `magic` (any vigie magic when omitted).
 */
export function readHeader<H>(buffer: Uint8Array, magic?: string): { header: H; at: number; buf: Uint8Array } {
  // Typed-array views need 4-byte alignment: copy when the buffer comes from a shared pool.
  const buf = buffer.byteOffset % 4 === 0 ? buffer : Uint8Array.from(buffer);
  const found = new TextDecoder().decode(buf.subarray(0, 8));
  if (magic ? found !== magic : !found.startsWith('VG')) throw new Error(`not a vigie ${magic ?? 'data'} file (bad magic)`);
  const length = new DataView(buf.buffer, buf.byteOffset).getUint32(8, true);
  if (12 + length > buf.length) throw new Error('truncated vigie data file');
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(12, 12 + length)).trimEnd()) as H;
  return { header, at: buf.byteOffset + 12 + length, buf };
}

/** Magic, header length and JSON header padded to 4 bytes, then the parts: one file's bytes. */
export function writeDataFile(magic: string, header: object, parts: Uint8Array[]): Uint8Array {
  const encoder = new TextEncoder();
  let headerText = JSON.stringify(header);
  headerText += ' '.repeat((4 - (encoder.encode(headerText).length % 4)) % 4);
  const headerBytes = encoder.encode(headerText);
  const all = [encoder.encode(magic), new Uint8Array(Uint32Array.of(headerBytes.length).buffer), headerBytes, ...parts];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
