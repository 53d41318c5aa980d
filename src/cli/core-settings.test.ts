import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { runCli } from '../testing/run-cli.js';

// --home and --db have one default each (core's config); a vigie.yaml beside the command, or
// VIGIE_CONFIG, changes them for every command, and a flag still wins.
const dir = mkdtempSync(join(tmpdir(), 'vigie-core-settings-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const noUserData = ['--data-dir', join(dir, 'empty')];

test('home_country from vigie.yaml decides what is domestic in geo lookup; --home overrides it', async () => {
  writeFileSync(join(dir, 'vigie.yaml'), 'home_country: US\ndb_path: ./elsewhere.duckdb\n');
  const fromFile = await runCli(['geo', 'lookup', '24.48.0.1', '--quiet', ...noUserData], { cwd: dir });
  assert.equal(fromFile.code, 0, fromFile.stderr);
  assert.equal(JSON.parse(fromFile.stdout).verdict, 'foreign');
  const fromFlag = await runCli(['geo', 'lookup', '24.48.0.1', '--home', 'ca', '--quiet', ...noUserData], { cwd: dir });
  assert.equal(JSON.parse(fromFlag.stdout).verdict, 'domestic');
});

test('db_path from vigie.yaml is the database report reads; --db overrides it', async () => {
  writeFileSync(join(dir, 'vigie.yaml'), 'db_path: ./elsewhere.duckdb\n');
  const fromFile = await runCli(['report', '--format', 'json'], { cwd: dir });
  assert.equal(fromFile.code, 3, fromFile.stderr);
  assert.match(fromFile.stderr, /elsewhere\.duckdb: no such database/);
  const fromFlag = await runCli(['report', '--format', 'json', '--db', 'other.duckdb'], { cwd: dir });
  assert.match(fromFlag.stderr, /other\.duckdb: no such database/);
});

test('an invalid home_country in vigie.yaml is one line naming the key, before any work', async () => {
  writeFileSync(join(dir, 'vigie.yaml'), 'home_country: Canada\n');
  const r = await runCli(['geo', 'lookup', '24.48.0.1', ...noUserData], { cwd: dir });
  assert.notEqual(r.code, 0);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /home_country/);
});
