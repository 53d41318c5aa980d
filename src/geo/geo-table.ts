import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ipv4ToNumber, ipv6ToWords } from './ip-words.js';
import { NO_VALUE } from './range-index.js';
import { compareStart, FileRanges, MemoryRanges, type SortedRanges } from './sorted-ranges.js';

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
 * {@link GeoTable.open} keeps the range starts on disk (see {@link FileRanges}).
 *
 * @example
 * const table = GeoTable.open('data/geo/dbip-city-ipv4.bin');
 * table.get('24.48.0.1') // { country_code: 'CA', state1: 'Quebec', city: 'Montreal (Ville-Marie)' }
 */
export class GeoTable {
  readonly header: GeoTableHeader;
  readonly #ranges: SortedRanges;
  readonly #overflowStarts: Uint32Array;
  readonly #overflowValues: Uint32Array;
  readonly #fields: Uint32Array;
  readonly #stringOffsets: Uint32Array;
  readonly #stringBytes: Uint8Array;
  readonly #records: (GeoRecord | undefined)[];
  readonly #strings: (string | undefined)[];
  readonly #words = new Uint32Array(4);

  private constructor(header: GeoTableHeader, ranges: SortedRanges, arrays: Uint32Array[], stringBytes: Uint8Array) {
    this.header = header;
    this.#ranges = ranges;
    [this.#overflowStarts, this.#overflowValues, this.#fields, this.#stringOffsets] = arrays as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
    this.#stringBytes = stringBytes;
    this.#records = new Array(header.records);
    this.#strings = new Array(header.strings);
  }

  /** Read a compiled table held in memory; throws when it is not one. */
  static fromBuffer(buffer: Uint8Array): GeoTable {
    const { header, at, buf } = readHeader<GeoTableHeader>(buffer, GEO_TABLE_MAGIC);
    const starts = new Uint32Array(buf.buffer, at, header.ranges * header.startWords);
    const values = new Uint32Array(buf.buffer, at + starts.byteLength, header.ranges);
    const rest = at + starts.byteLength + values.byteLength;
    const { arrays, stringBytes } = tailParts(header, buf.buffer, rest, buf.byteOffset + buf.byteLength - rest);
    return new GeoTable(header, new MemoryRanges(starts, values, header.startWords), arrays, stringBytes);
  }

  /**
   * Open a compiled table file, keeping its range starts and values on disk and the rest (the
   * records and their strings, a few MB) in memory; throws when it is not one. The file stays
   * open for the life of the process; a newer file renamed over it is read by the next open.
   */
  static open(file: string): GeoTable {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      const head = new Uint8Array(Math.min(size, HEADER_READ_BYTES));
      readSync(fd, head, 0, head.length, 0);
      const { header, at } = readHeader<GeoTableHeader>(head, GEO_TABLE_MAGIC);
      const valuesAt = at + header.ranges * header.startWords * 4;
      const rest = valuesAt + header.ranges * 4;
      if (rest > size) throw new Error('truncated vigie data file');
      const tail = new Uint8Array(size - rest);
      readSync(fd, tail, 0, tail.length, rest);
      const { arrays, stringBytes } = tailParts(header, tail.buffer, 0, tail.length);
      return new GeoTable(header, new FileRanges(fd, at, valuesAt, header.ranges, header.startWords), arrays, stringBytes);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
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
    this.#words[0] = n;
    const found = this.#ranges.lastAtOrBelow(this.#words);
    return found < 0 ? null : this.#record(this.#ranges.value(found));
  }

  lookupV6(words: Uint32Array): GeoRecord | null {
    const found = this.#ranges.lastAtOrBelow(words);
    if (found < 0) return null;
    const v = this.#ranges.value(found);
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

/** The JSON header's file part is read whole from the first bytes; headers are a few hundred. */
const HEADER_READ_BYTES = 64 * 1024;

/** The parts after the ranges: IPv6 overflow starts and values, record fields, string offsets and bytes. */
function tailParts(header: GeoTableHeader, buffer: ArrayBufferLike, at: number, length: number): { arrays: Uint32Array[]; stringBytes: Uint8Array } {
  let offset = at;
  const words = (n: number): Uint32Array => {
    if (offset + n * 4 > at + length) throw new Error('truncated vigie data file');
    const view = new Uint32Array(buffer, offset, n);
    offset += n * 4;
    return view;
  };
  const arrays = [words(header.overflow * 4), words(header.overflow), words(header.records * 3), words(header.strings + 1)];
  const stringLength = arrays[3]![header.strings]!;
  if (offset + stringLength > at + length) throw new Error('truncated vigie data file');
  return { arrays, stringBytes: new Uint8Array(buffer, offset, stringLength) };
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
