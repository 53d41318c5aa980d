import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import test from 'node:test';
import { Reader } from 'mmdb-lib';
import { GeoAttributor } from './attributor.js';
import { compileMmdb } from './compile-mmdb.js';
import { compiledName, MMDB_FILES, shippedPath } from './data-files.js';
import { openTable } from './geo-data.js';
import { GeoTable, type GeoRecord } from './geo-table.js';

/** A deterministic pseudo-random 32-bit sequence, so a failure names the same address every run. */
function* randomWords(seed: number): Generator<number> {
  let x = seed >>> 0;
  for (;;) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    yield x;
  }
}

function v4Samples(count: number, seed: number): string[] {
  const r = randomWords(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const x = r.next().value as number;
    out.push(`${x >>> 24}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${x & 255}`);
  }
  // Block edges, where an off-by-one in the range starts shows.
  for (const base of ['24.48.0', '8.8.8', '1.1.1', '41.0.0', '196.0.0', '203.0.113']) for (const last of [0, 1, 127, 128, 255]) out.push(`${base}.${last}`);
  return out;
}

/** First 16 bits of the /12s the five registries delegate from (2001: the early /23s). */
const DELEGATED = [0x2000, 0x2400, 0x2600, 0x2800, 0x2a00, 0x2c00];

function v6Samples(count: number, seed: number): string[] {
  const r = randomWords(seed);
  const hex = (): string => ((r.next().value as number) & 0xffff).toString(16);
  // Registries delegate each /12 from its low end: keep the second group low to land in delegated blocks.
  const low = (): string => ((r.next().value as number) & 0x3ff).toString(16);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    // Mostly inside the registries' delegated /12s, one in four inside 2e00::/7 (unallocated).
    const x = r.next().value as number;
    const first = i % 4 === 0 ? 0x2e00 | (x & 0x1ff) : DELEGATED[x % DELEGATED.length]! | ((x >>> 8) & 0xf);
    // Every other sample varies only the low 64 bits of a /48, to cross the few /64 blocks split inside.
    out.push(i % 2 === 0 ? `${first.toString(16)}:${low()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}` : `${first.toString(16)}:${low()}::${hex()}:${hex()}`);
  }
  out.push('2607:f8b0:4005::1', '2001:4860:4860::8888', '2e00::1', '2a00:1450:4001::1', '2c0f:fb50:4002::1');
  return out;
}

const fields = (r: GeoRecord | null | undefined): string => `${r?.country_code || ''}|${r?.state1 || ''}|${r?.city || ''}`;

function assertSameAnswers(mmdbName: string, table: GeoTable, ips: readonly string[]): void {
  const reader = new Reader<GeoRecord & never>(readFileSync(shippedPath(mmdbName)));
  let answered = 0;
  for (const ip of ips) {
    const want = reader.get(ip);
    if (want) answered++;
    assert.equal(fields(table.get(ip)), fields(want), `${mmdbName}: ${ip}`);
  }
  // The samples must reach real records, or the comparison proves nothing.
  assert.ok(answered > ips.length / 10, `${mmdbName}: only ${answered} of ${ips.length} samples have a record`);
}

function shippedTable(mmdbName: string): GeoTable {
  const file = shippedPath(compiledName(mmdbName));
  assert.ok(existsSync(file), `${file} missing: run npm run prepare (scripts/build-city.mjs)`);
  return GeoTable.open(file);
}

test('the compiled DB-IP city tables answer as the MMDB files do (IPv4 and IPv6)', () => {
  assertSameAnswers(MMDB_FILES.dbipV4, shippedTable(MMDB_FILES.dbipV4), v4Samples(3000, 1));
  assertSameAnswers(MMDB_FILES.dbipV6, shippedTable(MMDB_FILES.dbipV6), v6Samples(3000, 2));
});

test('a freshly compiled geo-whois-asn table answers as its MMDB file, dated from its metadata', () => {
  for (const [name, samples] of [[MMDB_FILES.whoisV4, v4Samples(3000, 3)], [MMDB_FILES.whoisV6, v6Samples(3000, 4)]] as const) {
    const { bytes, header } = compileMmdb(readFileSync(shippedPath(name)), 'test');
    assert.equal(header.date, '2026-06-17');
    assertSameAnswers(name, GeoTable.fromBuffer(bytes), samples);
  }
});

test('traps: IPv6 never answered from an IPv4 table, ::ffff: unwrapped, 2e00::/7 as DB-IP says', () => {
  const v4File = shippedPath(compiledName(MMDB_FILES.dbipV4));
  const v4 = shippedTable(MMDB_FILES.dbipV4);
  // The MMDB reader answers an IPv6 question with some IPv4 block's record; the table does not.
  assert.notEqual(new Reader<GeoRecord & never>(readFileSync(shippedPath(MMDB_FILES.dbipV4))).get('2607:f8b0:4005::1'), null);
  assert.equal(v4.get('2607:f8b0:4005::1'), null);
  assert.equal(openTable(v4File, 6), null, 'a table of the wrong family is refused');
  const geo = new GeoAttributor({ dataDir: null });
  const plain = geo.attribute('24.48.0.1');
  const mapped = geo.attribute('::ffff:24.48.0.1');
  assert.equal(mapped.city, plain.city);
  assert.equal(mapped.country, 'CA');
  // DB-IP says Canada for unallocated space; the table keeps that answer (the verdict deals with it).
  assert.equal(shippedTable(MMDB_FILES.dbipV6).get('2e00::1')?.country_code, 'CA');
  assert.throws(() => GeoTable.fromBuffer(new TextEncoder().encode('not a table at all')), /bad magic/);
});
