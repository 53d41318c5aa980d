import { bigintToWords } from './ip-words.js';
import { RangeIndex, RangeIndexBuilder } from './range-index.js';

const MAGIC = 'VGASN001';

/** Header of a compiled ASN file: where its data came from and how much there is. */
export interface AsnHeader {
  date: string;
  source: string;
  v4: number;
  v6: number;
  asns: number;
}

/** An autonomous system: number and operator name. */
export interface AsnRecord {
  asn: number;
  org: string;
}

/**
 * IP → ASN and organisation, from a compact binary file compiled from `@ip-location-db/asn`'s
 * CSVs ({@link compileAsn}): sorted range starts, an index into an (asn, org) table per range,
 * and the org strings, all little-endian 32-bit words so the file is used without parsing.
 *
 * @example
 * const table = AsnTable.fromBuffer(readFileSync('data/geo/asn.bin'));
 * table.lookupV4(ipv4ToNumber('1.1.1.1')) // { asn: 13335, org: 'Cloudflare, Inc.' }
 */
export class AsnTable {
  readonly header: AsnHeader;
  readonly #ranges: RangeIndex;
  readonly #asns: Uint32Array;
  readonly #orgOffsets: Uint32Array;
  readonly #orgBytes: Uint8Array;
  readonly #records: (AsnRecord | undefined)[];

  private constructor(header: AsnHeader, ranges: RangeIndex, asns: Uint32Array, orgOffsets: Uint32Array, orgBytes: Uint8Array) {
    this.header = header;
    this.#ranges = ranges;
    this.#asns = asns;
    this.#orgOffsets = orgOffsets;
    this.#orgBytes = orgBytes;
    this.#records = new Array(asns.length);
  }

  /** Read a compiled file; throws when it is not one. */
  static fromBuffer(buffer: Uint8Array): AsnTable {
    // Typed-array views need 4-byte alignment: copy when the buffer comes from a shared pool.
    const buf = buffer.byteOffset % 4 === 0 ? buffer : Uint8Array.from(buffer);
    if (new TextDecoder().decode(buf.subarray(0, 8)) !== MAGIC) throw new Error('not a vigie ASN file (bad magic)');
    const headerLength = new DataView(buf.buffer, buf.byteOffset).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(buf.subarray(12, 12 + headerLength)).trimEnd()) as AsnHeader;
    let at = buf.byteOffset + 12 + headerLength;
    const words = (n: number): Uint32Array => {
      const view = new Uint32Array(buf.buffer, at, n);
      at += n * 4;
      return view;
    };
    const v4Starts = words(header.v4);
    const v4Values = words(header.v4);
    const v6Starts = words(header.v6 * 4);
    const v6Values = words(header.v6);
    const asns = words(header.asns);
    const orgOffsets = words(header.asns + 1);
    const orgBytes = new Uint8Array(buf.buffer, at, orgOffsets[header.asns]!);
    return new AsnTable(header, new RangeIndex(v4Starts, v4Values, v6Starts, v6Values), asns, orgOffsets, orgBytes);
  }

  lookupV4(n: number): AsnRecord | null {
    return this.#record(this.#ranges.lookupV4(n));
  }

  lookupV6(words: Uint32Array): AsnRecord | null {
    return this.#record(this.#ranges.lookupV6(words));
  }

  /** Call `visit(start, end, asn)` for every announced IPv4 range, in address order. */
  forEachV4(visit: (start: number, end: number, asn: number) => void): void {
    const asns = this.#asns;
    this.#ranges.forEachV4((start, end, i) => visit(start, end, asns[i]!));
  }

  #record(i: number): AsnRecord | null {
    if (i < 0) return null;
    let record = this.#records[i];
    if (!record) {
      const org = new TextDecoder().decode(this.#orgBytes.subarray(this.#orgOffsets[i]!, this.#orgOffsets[i + 1]!));
      record = { asn: this.#asns[i]!, org };
      this.#records[i] = record;
    }
    return record;
  }
}

/**
 * Compile `asn-ipv4-num.csv` and `asn-ipv6-num.csv` (`start,end,asn,org`, numeric addresses,
 * inclusive ranges) into the binary form {@link AsnTable} reads.
 *
 * @example
 * writeFileSync('data/geo/asn.bin', compileAsn(v4Csv, v6Csv, { date: '2026-06-17', source: '@ip-location-db/asn' }));
 */
export function compileAsn(v4Csv: string, v6Csv: string, meta: { date: string; source: string }): Uint8Array {
  const builder = new RangeIndexBuilder();
  const table = new Map<string, number>();
  const asns: number[] = [];
  const orgs: string[] = [];
  const idOf = (asn: number, org: string): number => {
    const key = `${asn}\t${org}`;
    let id = table.get(key);
    if (id === undefined) {
      id = asns.push(asn) - 1;
      orgs.push(org);
      table.set(key, id);
    }
    return id;
  };
  for (const [start, end, asn, org] of csvRows(v4Csv)) builder.addV4(Number(start), Number(end), idOf(Number(asn), org));
  for (const [start, end, asn, org] of csvRows(v6Csv)) {
    const s = new Uint32Array(4);
    const e = new Uint32Array(4);
    bigintToWords(BigInt(start), s);
    bigintToWords(BigInt(end), e);
    builder.addV6(s, e, idOf(Number(asn), org));
  }
  const [v4Starts, v4Values, v6Starts, v6Values] = builder.buildArrays();
  const encoder = new TextEncoder();
  const orgChunks = orgs.map((o) => encoder.encode(o));
  const orgOffsets = new Uint32Array(asns.length + 1);
  orgChunks.forEach((c, i) => (orgOffsets[i + 1] = orgOffsets[i]! + c.length));
  const header: AsnHeader = { ...meta, v4: v4Values.length, v6: v6Values.length, asns: asns.length };
  let headerText = JSON.stringify(header);
  headerText += ' '.repeat((4 - (encoder.encode(headerText).length % 4)) % 4);
  const headerBytes = encoder.encode(headerText);
  const parts: Uint8Array[] = [
    encoder.encode(MAGIC), new Uint8Array(Uint32Array.of(headerBytes.length).buffer), headerBytes,
    ...[v4Starts, v4Values, v6Starts, v6Values, Uint32Array.from(asns), orgOffsets].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength)),
    ...orgChunks,
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Rows of a simple CSV whose last field may be quoted (`"LLC ""SPUTNIK"""`). */
function* csvRows(text: string): Generator<[string, string, string, string]> {
  let at = 0;
  while (at < text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const line = text.slice(at, nl).replace(/\r$/, '');
    at = nl + 1;
    if (line === '') continue;
    const c1 = line.indexOf(',');
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = line.indexOf(',', c2 + 1);
    if (c1 < 0 || c2 < 0 || c3 < 0) throw new Error(`ASN CSV: bad row '${line.slice(0, 80)}'`);
    let org = line.slice(c3 + 1);
    if (org.startsWith('"')) org = org.slice(1, -1).replaceAll('""', '"');
    yield [line.slice(0, c1), line.slice(c1 + 1, c2), line.slice(c2 + 1, c3), org];
  }
}


