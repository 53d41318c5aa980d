import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDbStore } from '../../store/index.js';
import { runCli } from '../../testing/run-cli.js';

describe('vigie user add', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigie-user-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints the token alone on its last line and stores only its hash, audited', async () => {
    const db = join(dir, 'u.duckdb');
    const res = await runCli(['user', 'add', 'anna', '--role', 'analyst', '--db', db]);
    assert.equal(res.code, 0, res.stderr);
    const token = res.stdout.trimEnd().split('\n').at(-1)!;
    assert.match(token, /^vigie_[A-Za-z0-9_-]{43}$/);
    const store = await DuckDbStore.open(db);
    try {
      const users = await store.query(`SELECT name, role, token_hash FROM users`);
      assert.equal(users.length, 1);
      assert.equal(users[0]!.role, 'analyst');
      assert.notEqual(users[0]!.token_hash, token);
      assert.ok(!JSON.stringify(await store.query(`SELECT * FROM audit_log`)).includes(token));
      assert.equal((await store.query(`SELECT action FROM audit_log`))[0]!.action, 'user_add');
    } finally {
      await store.close();
    }
  });

  it('refuses a missing or unknown role, and a name taken, with one line and exit code 2', async () => {
    const db = join(dir, 'u.duckdb');
    for (const args of [['user', 'add', 'bob', '--db', db], ['user', 'add', 'bob', '--role', 'root', '--db', db], ['user', 'add', 'anna', '--role', 'viewer', '--db', db]]) {
      const res = await runCli(args);
      assert.equal(res.code, 2, args.join(' '));
      assert.equal(res.stderr.trim().split('\n').length, 1);
      assert.match(res.stderr, /^vigie: /);
    }
  });
});
