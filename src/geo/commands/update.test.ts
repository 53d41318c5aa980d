import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { GeoAttributor } from '../../geo/index.js';
import { DuckDbStore } from '../../store/index.js';
import { corpus } from '../../testing/corpora.js';
import { attributeClients } from '../../web/index.js';
import { runCli } from '../../testing/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-geo-update-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('geo update installs a downloaded list and geo lookup then uses it', async () => {
  const from = join(dir, 'download');
  const dataDir = join(dir, 'data');
  mkdirSync(from);
  writeFileSync(join(from, 'vpn.txt'), '# date: 2026-01-01\n70.52.0.0/16\n');
  const r = await runCli(['geo', 'update', '--from', from, '--data-dir', dataDir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /installed vpn\.txt \(data of 2026-01-01, \d+ days old\)/);
  assert.match(r.stderr, /warning: installed data older than 60 days: vpn\.txt/);
  const lookup = await runCli(['geo', 'lookup', '70.52.1.1', '--data-dir', dataDir, '--quiet']);
  const a = JSON.parse(lookup.stdout);
  assert.equal(a.network, 'vpn');
  assert.equal(a.verdict, 'obscured');
});

test('geo update refuses a bad file with one line and exit code 4', async () => {
  const from = join(dir, 'bad');
  mkdirSync(from);
  writeFileSync(join(from, 'cdn.txt'), 'garbage\n');
  const r = await runCli(['geo', 'update', '--from', from, '--data-dir', join(dir, 'bad-data')]);
  assert.equal(r.code, 4);
  assert.match(r.stderr, /^vigie: geo update: .*cdn\.txt: no address block in it \(cdn\.txt:1: not an address block: 'garbage'\); nothing was installed\n$/);
  assert.equal((await runCli(['geo', 'update'])).code, 2);
});

test('an address in DigitalOcean\'s geofeed answers the geofeed\'s country, and the reason names the geofeed', async () => {
  const from = join(dir, 'geofeed');
  const dataDir = join(dir, 'geofeed-data');
  mkdirSync(from);
  copyFileSync(corpus('ip/cloud-regions/digitalocean.csv'), join(from, 'digitalocean.csv'));
  // A relay list as Apple publishes it (prefix,country,region,city), with one broken line; its
  // blocks here are a Canadian ISP's, on no shipped list.
  writeFileSync(join(from, 'egress-ip-ranges.csv'), '24.48.5.0/27,CA,CA-QC,Montreal,\n24.48.5.32/27,CA,CA-QC,Montreal,\nnot a row\n');
  // A VPN provider's JSON server list, shaped as Mullvad's relay list (one server here is on no shipped list).
  writeFileSync(join(from, 'vpn-mullvad.json'), JSON.stringify([
    { hostname: 'ca-mtr-wg-901', country_code: 'ca', city_name: 'Montreal', ipv4_addr_in: '24.48.6.7', ipv6_addr_in: '2a03:1b20:6:f011::a01f', type: 'wireguard' },
    { hostname: 'se-got-wg-001', country_code: 'se', ipv4_addr_in: '185.213.154.66', ipv6_addr_in: '2a03:1b20:5:f011::a01f', type: 'wireguard' },
  ]));
  const r = await runCli(['geo', 'update', '--from', from, '--data-dir', dataDir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /installed digitalocean\.csv as feed-digitalocean\.csv \(data of /);
  assert.match(r.stdout, /installed egress-ip-ranges\.csv as relay-egress-ip-ranges\.txt/);
  assert.match(r.stdout, /installed vpn-mullvad\.json as vpn-mullvad\.txt/);
  assert.match(r.stderr, /warning: egress-ip-ranges\.csv: 1 malformed line skipped \(egress-ip-ranges\.csv:3: not an address block: 'not a row'\)/);
  const lookup = await runCli(['geo', 'lookup', '5.101.96.1', '24.48.5.40', '24.48.6.7', '--data-dir', dataDir, '--quiet']);
  assert.equal(lookup.code, 0, lookup.stderr);
  const [droplet, relay, vpn] = lookup.stdout.trim().split('\n').map((l) => JSON.parse(l));
  // DB-IP alone says GB for this DigitalOcean block; its operator's geofeed says Amsterdam.
  assert.equal(droplet.country, 'NL');
  assert.equal(droplet.city, 'Amsterdam');
  assert.equal(droplet.verdict, 'obscured');
  assert.match(droplet.reasons[0], /^geofeed digitalocean\.csv of AS14061 DigitalOcean, LLC .* places 5\.101\.96\.0\/21 in NL/);
  assert.equal(droplet.source, 'geofeed');
  assert.match(droplet.source_fr, /^le geofeed digitalocean\.csv de AS14061 DigitalOcean, LLC \(données du [^)]+\) situe 5\.101\.96\.0\/21 en NL \(Amsterdam, NL-NH\)\u00a0: la déclaration de l'opérateur lui-même, prise en premier\u202f; DB-IP dit GB$/);
  assert.equal(relay.network, 'relay');
  assert.match(relay.reasons.join(' '), /privacy relay egress in relay-egress-ip-ranges\.txt/);
  assert.equal(vpn.verdict, 'obscured');
  assert.equal(vpn.network, 'vpn');
  assert.match(vpn.reasons.join(' '), /in vpn-mullvad\.txt/);

  // The stored origin of a client says the same, as web analyze and serve store it.
  const store = await DuckDbStore.open(join(dir, 'origins.duckdb'));
  try {
    await store.query(`INSERT INTO clients (ip, requests, flagged_requests) VALUES ('5.101.96.1', 1, 0)`);
    await attributeClients(store, new GeoAttributor({ home: 'CA', dataDir }), { dataVersion: 'test' });
    const [row] = await store.query(`SELECT country, reasons FROM client_origins WHERE ip = '5.101.96.1'`);
    assert.equal(row!.country, 'NL');
    assert.match((row!.reasons as string[])[0]!, /^geofeed digitalocean\.csv of AS14061/);
  } finally {
    await store.close();
  }
});
