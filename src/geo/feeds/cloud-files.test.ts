import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { corpus } from '../../testing/corpora.js';
import { readCloudFile } from './cloud-files.js';

const read = (f: string): string => readFileSync(corpus(`ip/cloud-regions/${f}`), 'utf8');

test('AWS ip-ranges.json: regions and Local Zones get their own country, anycast is left out', () => {
  const aws = readCloudFile(read('aws-ip-ranges.json'), 'ip-ranges.json');
  assert.equal(aws.provider, 'aws');
  assert.equal(aws.date, '2026-08-22');
  assert.equal(aws.malformed.count, 0);
  const zone = (z: string): string[] => [...new Set(aws.rows.filter((r) => r.zone === z).map((r) => r.country))];
  assert.deepEqual(zone('us-east-1-lim-1'), ['PE']);
  assert.deepEqual(zone('ca-central-1'), ['CA']);
  assert.deepEqual(zone('eu-west-1'), ['IE']);
  assert.ok((aws.unlocated.get('GLOBAL') ?? 0) > 100);
  assert.ok(aws.rows.some((r) => r.prefix.includes(':')), 'IPv6 blocks too');
});

test('Google Cloud, Azure and Oracle files are recognised by their shape', () => {
  const gcp = readCloudFile(read('google-cloud-ip-ranges.json'), 'cloud.json');
  assert.equal(gcp.provider, 'google-cloud');
  assert.ok(gcp.rows.some((r) => r.zone === 'northamerica-northeast1' && r.country === 'CA'));
  const azure = readCloudFile(read('microsoft-azure-ip-ranges.json'), 'ServiceTags_Public_20250722.json');
  assert.equal(azure.provider, 'azure');
  assert.equal(azure.date, '2025-07-22');
  assert.ok(azure.rows.some((r) => r.zone === 'canadaeast' && r.country === 'CA'));
  const oracle = readCloudFile(read('oracle-cloud-ip-ranges.json'), 'public_ip_ranges.json');
  assert.equal(oracle.provider, 'oracle-cloud');
  assert.ok(oracle.rows.some((r) => r.zone === 'ca-toronto-1' && r.country === 'CA'));
});

test('a file that is not JSON, or JSON of no known provider, is refused in one sentence; a bad entry names its line', () => {
  assert.throws(() => readCloudFile('<html>', 'x.json'), /^Error: not JSON/);
  assert.throws(() => readCloudFile('{"a":1}', 'x.json'), /not a cloud region file vigie knows/);
  const text = '{\n "createDate": "2026-01-02-00-00-00",\n "prefixes": [\n  {"ip_prefix": "3.5.140.0/22", "region": "ap-northeast-2", "service": "EC2", "network_border_group": "ap-northeast-2"},\n  {"ip_prefix": "3.5.999.0/22", "region": "us-east-1", "service": "EC2", "network_border_group": "us-east-1"}\n ]\n}';
  const aws = readCloudFile(text, 'ip-ranges.json');
  assert.equal(aws.rows.length, 1);
  assert.deepEqual(aws.malformed.samples, [{ line: 5, reason: "not an address block: '3.5.999.0/22'" }]);
});
