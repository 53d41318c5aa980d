import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { fromBase32, totpCode, totpStep } from '../../tips/index.js';
import { DuckDbStore } from '../../store/index.js';
import { finished, runCli, startCli } from '../../testing/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-demo-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('vigie demo runs sample traffic through the pipeline and shows the attacks it found', async () => {
  const db = join(dir, 'demo.duckdb');
  const log = join(dir, 'demo.log');
  const r = await runCli(['demo', '--lines', '30000', '--db', db, '--keep-log', log, '--no-serve']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Analysed 30,000 lines from 1 file/);
  const flagged = /Attacks: ([\d,]+) of 30,000 requests flagged/.exec(r.stdout);
  assert.ok(flagged, r.stdout);
  const count = Number(flagged[1]!.replace(/,/g, ''));
  // About 3% of the generated lines belong to attack campaigns; some campaign lines are
  // harmless-looking (logins, crawling) and some normal lines look odd, so allow a band.
  assert.ok(count > 300 && count < 2000, `flagged ${count}`);
  assert.match(r.stdout, /Top flagged clients:/);
  assert.equal(readFileSync(log, 'utf8').split('\n').filter(Boolean).length, 30_000);
  const store = await DuckDbStore.open(db);
  try {
    const [row] = await store.query(`SELECT count(*)::INTEGER AS n FROM requests WHERE path IS NOT NULL`);
    assert.equal(row!.n, 30_000);
  } finally {
    await store.close();
  }
});

test('vigie demo ends with the dashboard served on 127.0.0.1, signed in with the token it prints', async (t) => {
  const db = join(dir, 'served.duckdb');
  const child = startCli(['demo', '--lines', '8000', '--db', db, '--port', '0']);
  t.after(() => child.kill('SIGKILL')); // the server runs until stopped: never past a failed assertion
  const done = finished(child);
  let out = '';
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Dashboard: (http:\/\/127\.0\.0\.1:\d+)\/[^\n]*\nSign in with this admin token[^\n]*\n([A-Za-z0-9_-]{20,})\n/.exec(out);
      if (m) resolve({ url: m[1]!, token: m[2]! });
    });
    child.on('exit', () => reject(new Error(`demo exited before serving:\n${out}`)));
  });
  const attacks = Number(/Attacks: ([\d,]+) of 8,000 requests flagged/.exec(out)![1]!.replace(/,/g, ''));
  const denied = await fetch(`${ready.url}/api/overview`);
  assert.equal(denied.status, 401);
  const overview = await (await fetch(`${ready.url}/api/overview`, { headers: { authorization: `Bearer ${ready.token}` } })).json() as { attacks: number };
  assert.equal(overview.attacks, attacks, 'the dashboard shows the numbers the summary printed');
  // The tips recipient signs in with the token printed for it, and unlocks the reports with the
  // passphrase and TOTP the demo printed (a `vigie user add` could not run while it serves).
  const reader = /demo-reader's token[^\n]*\n([A-Za-z0-9_-]{20,})\n/.exec(out)?.[1];
  assert.ok(reader, out.slice(-1500));
  const passphrase = /passphrase '([^']+)'/.exec(out)![1]!;
  const secret = fromBase32(/otpauth:\/\/totp\/[^?\s]*\?secret=([A-Z2-7]+)/.exec(out)![1]!);
  const unlock = await fetch(`${ready.url}/api/tips/unlock`, {
    method: 'POST', headers: { authorization: `Bearer ${reader}`, 'content-type': 'application/json' },
    body: JSON.stringify({ passphrase, totp: totpCode(secret, totpStep(Date.now())) }),
  });
  assert.equal(unlock.status, 200, await unlock.text());
  const page = await fetch(`${ready.url}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<html/);
  // The "Next:" lines work as printed while the demo holds the database: report and export ask
  // the running server (issue 17: they failed with 'Could not set lock', exit 5).
  const next = /^Next: [^\n]*\n((?: {6}[^\n]*\n)+)/m.exec(out)?.[1]?.trim().split('\n') ?? [];
  assert.equal(next.length, 2, out);
  for (const line of next) {
    const command = /(\.\/bin\/vigie\.js .*)$/.exec(line)![1]!.split(/ +/).slice(1);
    const r = await runCli(command, { cwd: dir });
    assert.equal(r.code, 0, `${command.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /is open in a running vigie serve \(pid \d+\); asking it at http:\/\/127\.0\.0\.1:\d+/);
  }
  assert.ok(readdirSync(dir).some((f) => /^vigie-report-.*-fr\.(pdf|html)$/.test(f)), readdirSync(dir).join(' '));
  const csv = readFileSync(join(dir, 'vigie-addresses.csv'), 'utf8').trim().split('\n');
  assert.equal(csv[0]!.split(',')[0], 'ip');
  assert.ok(csv.length > 1);
  assert.ok(existsSync(`${db}.server.json`));
  child.kill('SIGINT');
  const r = await done;
  assert.equal(r.code, 0, r.stderr);
  // Stopped: the server file is gone, and the commands open the database themselves.
  assert.equal(existsSync(`${db}.server.json`), false);
  const direct = await runCli(['export', 'csv', '--db', db]);
  assert.equal(direct.code, 0, direct.stderr);
  assert.equal(direct.stderr, '');
  assert.equal(direct.stdout.trim().split('\n').length, csv.length);
});
