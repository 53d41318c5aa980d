import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MODULES } from '../../registry/index.js';
import { openStoreSession } from '../../store/index.js';
import { runCli } from '../../testing/run-cli.js';
import { tipsDemo } from '../demo.js';
import { TipsRepository } from '../repository.js';

// The tips commands as an administrator runs them, on a real DuckDB file.
describe('vigie tips recipient / inbox / purge', { timeout: 120_000 }, () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-tips-cli-'));
    db = join(dir, 'tips.duckdb');
    writeFileSync(join(dir, 'pass'), 'a passphrase long enough\nsecond line ignored\n');
    writeFileSync(join(dir, 'short'), 'short\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a recipient from a passphrase file and prints the TOTP URI once; refuses a second time, a short passphrase and a pipe with no file', async () => {
    const made = await runCli(['tips', 'recipient', 'add', 'anna', '--passphrase-file', join(dir, 'pass'), '--db', db]);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /^otpauth:\/\/totp\/vigie%20tips%3Aanna\?secret=[A-Z2-7]{32}&issuer=vigie%20tips&algorithm=SHA1&digits=6&period=30$/m);
    const again = await runCli(['tips', 'recipient', 'add', 'anna', '--passphrase-file', join(dir, 'pass'), '--db', db]);
    assert.equal(again.code, 2);
    assert.equal(again.stderr.trim().split('\n').length, 1, again.stderr);
    assert.match(again.stderr, /anna is already a recipient/);
    const short = await runCli(['tips', 'recipient', 'add', 'bob', '--passphrase-file', join(dir, 'short'), '--db', db]);
    assert.equal(short.code, 2);
    assert.match(short.stderr, /at least 12 characters/);
    const piped = await runCli(['tips', 'recipient', 'add', 'bob', '--db', db], { stdin: 'a passphrase long enough\n' });
    assert.equal(piped.code, 2);
    assert.match(piped.stderr, /--passphrase-file/);
    const list = await runCli(['tips', 'recipient', 'list', '--db', db]);
    assert.equal(list.stdout, 'anna\n');
  });

  it('lists the inbox without content, and the daily purge removes old reports that no case keeps, saying which', async () => {
    const session = await openStoreSession(db, MODULES, {});
    let old: string[];
    try {
      const line = await tipsDemo({ database: session.database, seed: 1, dir, now: new Date() });
      assert.match(line, /4 reports \(en, fr, zh-Hans, zh-Hant\)/);
      const repo = new TipsRepository(session.database);
      const inbox = await repo.inbox();
      assert.equal(inbox.length, 4);
      // The Traditional Chinese report is in the demo case; the French one is not.
      old = inbox.filter((r) => r.lang === 'zh-Hant' || r.lang === 'fr').map((r) => String(r.id));
      for (const id of old) await repo.backdate(id, 100);
    } finally {
      await session.close();
    }
    const listed = await runCli(['tips', 'inbox', '--json', '--db', db]);
    assert.equal(listed.code, 0, listed.stderr);
    const rows = listed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { lang: string; status: string });
    assert.deepEqual(rows.map((r) => r.lang).sort(), ['en', 'fr', 'zh-Hans', 'zh-Hant']);
    assert.ok(!listed.stdout.includes('同鄉會') && !listed.stdout.includes('association'), 'no content in the inbox');
    const purged = await runCli(['tips', 'purge', '--db', db]);
    assert.equal(purged.code, 0, purged.stderr);
    assert.match(purged.stdout, /tips purge: 1 report\(s\) older than 90 days and in no case removed/);
    const left = await openStoreSession(db, MODULES, {});
    try {
      assert.deepEqual((await new TipsRepository(left.database).inbox()).map((r) => r.lang).sort(), ['en', 'zh-Hans', 'zh-Hant']);
      assert.deepEqual(await left.database.query(`SELECT count(*)::INTEGER AS n FROM tips_report_keys WHERE report_id NOT IN (SELECT id FROM tips_reports)`), [{ n: 0 }]);
    } finally {
      await left.close();
    }
  });
});
