import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { GeoAttributor } from './attributor.js';
import { cidrListArrays } from './network-lists.js';
import { cachedArrays } from './range-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-range-cache-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('a parsed list is read back from the cache until its file changes', () => {
  const cache = join(dir, 'cache-a');
  process.env.VIGIE_GEO_CACHE_DIR = cache;
  try {
    const file = join(dir, 'list.txt');
    writeFileSync(file, '# date: 2026-12-01\n10.0.0.0/8\n2001:db8::/32\n');
    let builds = 0;
    const build = () => {
      builds++;
      return { arrays: cidrListArrays('10.0.0.0/8\n2001:db8::/32\n'), extra: { date: '2026-12-01' } };
    };
    const first = cachedArrays(file, 'cidr', build);
    const again = cachedArrays(file, 'cidr', build);
    assert.equal(builds, 1);
    assert.deepEqual(again, first);
    utimesSync(file, new Date(), new Date(Date.now() + 5000)); // the file was replaced
    cachedArrays(file, 'cidr', build);
    assert.equal(builds, 2);
    // A damaged entry is built again, not trusted.
    for (const f of readdirSync(cache)) writeFileSync(join(cache, f), 'junk');
    assert.deepEqual(cachedArrays(file, 'cidr', build), first);
    assert.equal(builds, 3);
  } finally {
    delete process.env.VIGIE_GEO_CACHE_DIR;
  }
});

test('on the shipped lists, attributions from cached lists are those from parsed ones', () => {
  const addresses = ['185.220.101.4', '24.48.0.1', '8.8.8.8', '1.1.1.1', '52.95.110.1', '2a00:1450::3', '45.132.3.9', '91.108.4.1'];
  const attribute = (cacheDir: string): unknown[] => {
    process.env.VIGIE_GEO_CACHE_DIR = cacheDir;
    try {
      const geo = new GeoAttributor({ home: 'CA', dataDir: join(dir, 'no-user-data') });
      return addresses.map((ip) => geo.attribute(ip));
    } finally {
      delete process.env.VIGIE_GEO_CACHE_DIR;
    }
  };
  const parsed = attribute('off');
  const cache = join(dir, 'cache-b');
  const written = attribute(cache);
  assert.ok(readdirSync(cache).length >= 6, 'tor, vpn, relay, cdn, hosting, registry');
  const read = attribute(cache);
  assert.deepEqual(written, parsed);
  assert.deepEqual(read, parsed);
});
