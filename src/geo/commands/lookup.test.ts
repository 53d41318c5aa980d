import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { runCli } from '../../testing/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-geo-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const KEYS = ['ip', 'country', 'region', 'city', 'asn', 'org', 'network', 'verdict', 'confidence', 'reasons', 'source', 'source_fr'];
const noUserData = ['--data-dir', join(dir, 'empty')];

test('geo lookup prints one JSON line per address, in order, with exactly the documented keys', async () => {
  const r = await runCli(['geo', 'lookup', '24.48.0.1', '::ffff:8.8.8.8', 'nonsense', '2e00::1', ...noUserData]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  for (const l of lines) assert.deepEqual(Object.keys(l), KEYS);
  assert.deepEqual(lines.map((l) => l.verdict), ['domestic', 'obscured', 'unknown', 'unknown']);
  assert.equal(lines[1].ip, '8.8.8.8');
  assert.deepEqual(lines[2].reasons, ['not an IP address']);
  // What answered the country, named in English (the first reason) and French.
  assert.deepEqual(lines.map((l) => l.source), ['databases_agree', 'databases_agree', 'none', 'unallocated']);
  assert.match(lines[0].reasons[0], /^both geolocation databases place it in CA/);
  assert.match(lines[0].source_fr, /^les deux bases de géolocalisation la situent en CA/);
  assert.match(lines[3].source_fr, /espace non attribué/);
  assert.match(r.stderr, /warning: geo data older than 60 days/);
});

test('geo lookup --input reads a file or stdin; --home changes what is domestic', async () => {
  const file = join(dir, 'ips.txt');
  writeFileSync(file, '24.48.0.1\n\n70.52.1.1\r\n');
  const fromFile = await runCli(['geo', 'lookup', '--input', file, '--home', 'us', '--quiet', ...noUserData]);
  assert.equal(fromFile.code, 0, fromFile.stderr);
  assert.equal(fromFile.stderr, '');
  assert.deepEqual(fromFile.stdout.trim().split('\n').map((l) => JSON.parse(l).verdict), ['foreign', 'foreign']);
  const fromStdin = await runCli(['geo', 'lookup', '--input', '-', '--quiet', ...noUserData], { stdin: '1.1.1.1\n10.0.0.1\n' });
  assert.deepEqual(fromStdin.stdout.trim().split('\n').map((l) => JSON.parse(l).verdict), ['obscured', 'unknown']);
});

test('geo lookup --input skips # comments and blank lines: only addresses are looked up', async () => {
  const file = join(dir, 'commented.txt');
  writeFileSync(file, '# addresses seen on 2026-12-01\n\n24.48.0.1  # a residential address at home\n   # indented comment\n1.1.1.1\n#\n');
  const r = await runCli(['geo', 'lookup', '--input', file, '--quiet', ...noUserData]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => [l.ip, l.verdict]), [['24.48.0.1', 'domestic'], ['1.1.1.1', 'obscured']]);
});

test('geo lookup: usage errors are one line; help names the DB-IP attribution', async () => {
  const none = await runCli(['geo', 'lookup']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^vigie: geo lookup: name at least one address/);
  const missing = await runCli(['geo', 'lookup', '--input', join(dir, 'nope.txt')]);
  assert.equal(missing.code, 3);
  assert.match((await runCli(['geo', 'lookup', 'x', '--home', 'CAN'])).stderr, /two-letter country code/);
  const help = await runCli(['geo', 'lookup', '--help']);
  assert.match(help.stdout, /IP Geolocation by DB-IP \(https:\/\/db-ip\.com\)/);
});

test('geo lookup answers for the canonical address, whatever its spelling, and a junk zone id is not an address', async () => {
  const r = await runCli(['geo', 'lookup', '2A00:1450:0:0:0:0:0:3', '2a00:1450:0000::0003', '::FFFF:24.48.0.1', '::2%25;id', '24.48.0.1\u202e', '--quiet', ...noUserData]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.ip), ['2a00:1450::3', '2a00:1450::3', '24.48.0.1', '::2%25;id', '24.48.0.1\\xe2\\x80\\xae']);
  assert.deepEqual(lines[0], lines[1]);
  assert.equal(lines[2].verdict, 'domestic');
  assert.equal(lines[3].verdict, 'unknown');
  assert.deepEqual(lines[3].reasons, ['not an IP address']);
});
