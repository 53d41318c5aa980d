import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import test from 'node:test';
import { AsnTable, compileAsn } from './asn-table.js';
import { ASN_FILE, shippedPath } from './data-files.js';
import { ipv4ToNumber, ipv6ToWords } from './ip-words.js';

const v6 = (s: string): Uint32Array => {
  const w = new Uint32Array(4);
  ipv6ToWords(s, w);
  return w;
};

test('compiled ASN table round-trips: ranges, gaps, quoted names, IPv6', () => {
  const v4 = '16777216,16777471,13335,"Cloudflare, Inc."\n16778240,16779263,38803,Gtelecom Pty Ltd\n33554432,33554687,201907,"LLC ""SPUTNIK"""\n';
  const v6csv = '42540528726795050063891204319802818560,42540528727329395276160870415022948351,2500,WIDE Project\n';
  const bytes = compileAsn(v4, v6csv, { date: '2026-06-17', source: 'test' });
  // Copy at an odd offset: the reader must cope with an unaligned buffer.
  const odd = new Uint8Array(bytes.length + 1).subarray(1);
  odd.set(bytes);
  const table = AsnTable.fromBuffer(odd);
  assert.equal(table.header.date, '2026-06-17');
  assert.deepEqual(table.lookupV4(ipv4ToNumber('1.0.0.1')), { asn: 13335, org: 'Cloudflare, Inc.' });
  assert.equal(table.lookupV4(ipv4ToNumber('1.0.1.0')), null);
  assert.deepEqual(table.lookupV4(ipv4ToNumber('2.0.0.9')), { asn: 201907, org: 'LLC "SPUTNIK"' });
  assert.equal(table.lookupV4(ipv4ToNumber('3.0.0.0')), null);
  assert.deepEqual(table.lookupV6(v6('2001:200::1')), { asn: 2500, org: 'WIDE Project' });
  assert.equal(table.lookupV6(v6('2001:100::1')), null);
  assert.throws(() => AsnTable.fromBuffer(new Uint8Array(64)), /bad magic/);
});

test('the shipped ASN table (built by npm run prepare) answers real addresses', { skip: !existsSync(shippedPath(ASN_FILE)) && 'data/geo/asn.bin not built' }, () => {
  const table = AsnTable.fromBuffer(readFileSync(shippedPath(ASN_FILE)));
  assert.equal(table.lookupV4(ipv4ToNumber('1.1.1.1'))?.asn, 13335);
  assert.equal(table.lookupV4(ipv4ToNumber('24.48.0.1'))?.asn, 5769);
  assert.equal(table.lookupV6(v6('2607:f8b0:4000::1'))?.asn, 15169);
});
