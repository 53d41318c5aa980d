import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { isVigieError } from '../core/index.js';
import { corpus } from '../testing/corpora.js';
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
  const paths = new GeoDataPaths(dataDir);
  assert.equal(paths.path(LIST_FILES.tor), join(dataDir, manifest.files[LIST_FILES.tor].file));
  assert.match(readFileSync(paths.path(LIST_FILES.tor), 'utf8'), /^# vigie list tor-exits\.txt from tor-exits\.txt\n# date: /);
  assert.equal(geoSourcePath(paths, MMDB_FILES.dbipV4), shippedPath(compiledName(MMDB_FILES.dbipV4)));
  assert.equal(geoSourcePath(paths, MMDB_FILES.whoisV4), join(dataDir, manifest.files[compiledName(MMDB_FILES.whoisV4)].file));
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
  writeFileSync(join(from, LIST_FILES.vpn), '10.0.0.0/8\nnot-a-block\n<html>\n');
  writeFileSync(join(from, MMDB_FILES.dbipV4), 'not a database');
  writeFileSync(join(from, LIST_FILES.cdn), '# date: 2026-06-01\n104.16.0.0/13\n');
  assert.throws(() => updateGeoData({ from, dataDir, now }), (err) => isVigieError(err) && err.code === 'VIGIE_ERR_GEO_DATA' && /nothing was installed/.test(err.message));
  assert.equal(existsSync(dataDir), false);
  rmSync(join(from, MMDB_FILES.dbipV4));
  // More bad lines than good: the wrong file, refused whole.
  assert.throws(() => updateGeoData({ from, dataDir, now }), /vpn\.txt: mostly not address blocks: 2 of 3 lines malformed \(first: vpn\.txt:2: not an address block: 'not-a-block'\); nothing was installed$/);
  assert.equal(existsSync(dataDir), false);
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

test('a geofeed, a cloud region file and extra lists install beside the shipped data and answer first', () => {
  const from = join(dir, 'feeds');
  const dataDir = join(dir, 'feeds-data');
  mkdirSync(from);
  copyFileSync(corpus('ip/cloud-regions/digitalocean.csv'), join(from, 'digitalocean.csv'));
  copyFileSync(corpus('ip/cloud-regions/aws-ip-ranges.json'), join(from, 'ip-ranges.json'));
  // A VPN list with a typo on line 3: installed without it, the line counted and named.
  writeFileSync(join(from, 'vpn-example.txt'), '# my VPN list\n24.48.0.0/24\n24.48.1.0/2x\n24.48.2.0/24\n');
  const result = updateGeoData({ from, dataDir, now: new Date() });
  const byName = new Map(result.installed.map((f) => [f.name, f]));
  assert.equal(byName.get('digitalocean.csv')?.installedAs, 'feed-digitalocean.csv');
  assert.equal(byName.get('ip-ranges.json')?.installedAs, 'feed-aws.csv');
  assert.equal(byName.get('ip-ranges.json')?.date, '2026-08-22');
  assert.match(byName.get('ip-ranges.json')?.note ?? '', /blocks left to the databases \(anycast or a region vigie has no country for: GLOBAL \d+/);
  assert.equal(byName.get('vpn-example.txt')?.malformed, 1);
  assert.equal(byName.get('vpn-example.txt')?.malformedSummary, "1 malformed line skipped (vpn-example.txt:3: not an address block: '24.48.1.0/2x')");
  const geo = new GeoAttributor({ dataDir, home: 'CA' });
  // DB-IP places 5.101.96.1 in GB; DigitalOcean's own geofeed says Amsterdam.
  const droplet = geo.attribute('5.101.96.1');
  assert.equal(droplet.country, 'NL');
  assert.equal(droplet.city, 'Amsterdam');
  assert.match(droplet.reasons[0]!, /^geofeed digitalocean\.csv of AS14061 DigitalOcean, LLC \(data of \d{4}-\d{2}-\d{2}\) places 5\.101\.96\.0\/21 in NL \(Amsterdam, NL-NH\): the operator's own statement, taken first/);
  // An AWS Local Zone in Lima is in Peru, not in its parent region's United States.
  const lima = readFileSync(corpus('ip/cloud-regions/aws-ip-ranges.json'), 'utf8').match(/"ip_prefix": "([\d.]+)\/\d+",\s*"region": "us-east-1",\s*"service": "AMAZON",\s*"network_border_group": "us-east-1-lim-1"/)![1]!;
  const peru = geo.attribute(lima.replace(/\.0$/, '.1'));
  assert.equal(peru.country, 'PE');
  assert.match(peru.reasons[0]!, /^AWS ip-ranges\.json \(data of 2026-08-22\) places .* in PE \(region us-east-1-lim-1\)/);
  const vpn = geo.attribute('24.48.2.9');
  assert.equal(vpn.network, 'vpn');
  assert.match(vpn.reasons.join(' '), /VPN server in vpn-example\.txt \(list of \d{4}-\d{2}-\d{2}\)/);
  assert.equal(geo.attribute('24.48.1.9').network, 'residential', 'the malformed line installed nothing');
  // The feeds are data files with dates like the others: the freshness warning names them.
  const names = dataStatus(new GeoDataPaths(dataDir), new Date('2027-01-01T00:00:00Z')).map((f) => f.name);
  assert.ok(names.includes('feed-aws.csv') && names.includes('feed-digitalocean.csv') && names.includes('vpn-example.txt'));
  assert.match(staleWarning(dataStatus(new GeoDataPaths(dataDir), new Date('2027-01-01T00:00:00Z')))!, /feed-aws\.csv \(132 days, from 2026-08-22\)/);
});

test('an update is all or nothing: new files beside the old, the manifest swapped last, one old generation kept', () => {
  const from = join(dir, 'gen');
  const dataDir = join(dir, 'gen-data');
  mkdirSync(from);
  const install = (text: string): string => {
    writeFileSync(join(from, 'vpn-gen.txt'), text);
    updateGeoData({ from, dataDir, now });
    return JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')).files['vpn-gen.txt'].file;
  };
  const first = install('# date: 2026-06-01\n10.1.0.0/16\n');
  const second = install('# date: 2026-06-02\n10.2.0.0/16\n');
  assert.notEqual(first, second);
  assert.ok(existsSync(join(dataDir, first)), 'the previous generation stays for lookups that opened it');
  const third = install('# date: 2026-06-03\n10.3.0.0/16\n');
  assert.equal(existsSync(join(dataDir, first)), false);
  assert.ok(existsSync(join(dataDir, second)) && existsSync(join(dataDir, third)));
  // A bad file in the next download changes nothing at all.
  writeFileSync(join(from, 'relay-bad.txt'), 'garbage\n');
  assert.throws(() => updateGeoData({ from, dataDir, now }), /relay-bad\.txt: no address block in it \(relay-bad\.txt:1: not an address block: 'garbage'\); nothing was installed/);
  assert.equal(JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')).files['vpn-gen.txt'].file, third);
  assert.equal(readdirSync(dataDir).some((n) => n.startsWith('relay-bad')), false);
});
