import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { isVigieError } from '../core/index.js';
import { GeoAttributor } from './attributor.js';
import { compiledName, GeoDataPaths, geoSourcePath, LIST_FILES, MMDB_FILES, shippedPath } from './data-files.js';
import { dataStatus, staleWarning } from './data-status.js';
import { updateGeoData } from './update.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-geo-update-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const now = new Date('2026-07-01T00:00:00Z');

test('newer files are validated, installed with their dates in a manifest, and lookups prefer them', () => {
  const from = join(dir, 'download');
  const dataDir = join(dir, 'data');
  mkdirSync(from);
  copyFileSync(shippedPath(MMDB_FILES.whoisV4), join(from, MMDB_FILES.whoisV4));
  // A user's Tor list (no date line: its file date is used) naming a Canadian consumer address.
  writeFileSync(join(from, LIST_FILES.tor), '24.48.0.1\n');
  writeFileSync(join(from, 'README.txt'), 'not data');
  const result = updateGeoData({ from, dataDir, now: new Date() });
  assert.deepEqual(result.installed.map((f) => f.name).sort(), [MMDB_FILES.whoisV4, LIST_FILES.tor].sort());
  assert.deepEqual(result.ignored, ['README.txt']);
  const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8'));
  // A database is installed compiled, under its table's name, and lookups read that table.
  assert.equal(manifest.files[compiledName(MMDB_FILES.whoisV4)].date, '2026-06-17');
  assert.equal(existsSync(join(dataDir, MMDB_FILES.whoisV4)), false);
  assert.match(manifest.files[LIST_FILES.tor].date, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(manifest.files[LIST_FILES.tor].sha256, /^[0-9a-f]{64}$/);
  assert.match(readFileSync(join(dataDir, LIST_FILES.tor), 'utf8'), /^# date: /);
  const paths = new GeoDataPaths(dataDir);
  assert.equal(paths.path(LIST_FILES.tor), join(dataDir, LIST_FILES.tor));
  assert.equal(geoSourcePath(paths, MMDB_FILES.dbipV4), shippedPath(compiledName(MMDB_FILES.dbipV4)));
  assert.equal(geoSourcePath(paths, MMDB_FILES.whoisV4), join(dataDir, compiledName(MMDB_FILES.whoisV4)));
  const whois = dataStatus(paths, new Date()).find((f) => f.name === MMDB_FILES.whoisV4);
  assert.equal(whois?.source, 'user');
  assert.equal(whois?.date, '2026-06-17');
  const a = new GeoAttributor({ dataDir }).attribute('24.48.0.1');
  assert.equal(a.network, 'tor');
  assert.equal(a.verdict, 'obscured');
  assert.equal(dataStatus(paths, new Date()).find((f) => f.name === LIST_FILES.tor)?.source, 'user');
});

test('one bad file installs nothing and says which file and line', () => {
  const from = join(dir, 'bad');
  const dataDir = join(dir, 'bad-data');
  mkdirSync(from);
  writeFileSync(join(from, LIST_FILES.vpn), '10.0.0.0/8\nnot-a-block\n');
  writeFileSync(join(from, MMDB_FILES.dbipV4), 'not a database');
  writeFileSync(join(from, LIST_FILES.cdn), '104.16.0.0/13\n');
  assert.throws(() => updateGeoData({ from, dataDir, now }), (err) => isVigieError(err) && err.code === 'VIGIE_ERR_GEO_DATA' && /nothing was installed/.test(err.message));
  assert.equal(existsSync(join(dataDir, LIST_FILES.cdn)), false);
  rmSync(join(from, MMDB_FILES.dbipV4));
  assert.throws(() => updateGeoData({ from, dataDir, now }), /vpn\.txt:2: not an address block/);
  // An IPv6 database under an IPv4 name is refused too.
  rmSync(join(from, LIST_FILES.vpn));
  copyFileSync(shippedPath(MMDB_FILES.whoisV6), join(from, MMDB_FILES.whoisV4));
  assert.throws(() => updateGeoData({ from, dataDir, now }), /not a readable IPv4 MMDB/);
  assert.throws(() => updateGeoData({ from: join(dir, 'nope'), dataDir, now }), /no such folder/);
});

test('the warning names data older than 60 days', () => {
  const warning = staleWarning(dataStatus(new GeoDataPaths(null), new Date('2027-01-01T00:00:00Z')));
  assert.match(warning!, /dbip-city-ipv4\.mmdb \(\d+ days, from 2026-06-05\)/);
  assert.match(warning!, /tor-exits\.txt/);
  assert.equal(staleWarning(dataStatus(new GeoDataPaths(null), new Date('2026-08-23T00:00:00Z')))?.includes('tor-exits.txt'), false);
});
