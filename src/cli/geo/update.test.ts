import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
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
  assert.match(r.stderr, /^vigie: geo update: .*cdn\.txt: cdn\.txt:1: not an address block: 'garbage'; nothing was installed\n$/);
  assert.equal((await runCli(['geo', 'update'])).code, 2);
});
