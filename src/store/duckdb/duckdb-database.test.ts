import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { openStoreSession } from '../open-store.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-moddb-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const demo = {
  name: 'demo',
  migrations: {
    duckdb: [
      `CREATE TABLE demo_rows (file VARCHAR NOT NULL, row BIGINT NOT NULL, amount DECIMAL(12,2), given DATE, note VARCHAR)`,
      `ALTER TABLE demo_rows ADD COLUMN flagged BOOLEAN DEFAULT false`,
    ],
  },
};

test('a module\'s migrations run once, in order, and its version survives reopening', async () => {
  const path = join(dir, 'm.duckdb');
  let s = await openStoreSession(path, [demo]);
  const [v] = await s.database.query(`SELECT value FROM meta WHERE key = 'schema_version:demo'`);
  assert.equal(v?.value, '2');
  await s.close();
  s = await openStoreSession(path, [demo]);
  const cols = await s.database.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'demo_rows' ORDER BY ordinal_position`);
  assert.deepEqual(cols.map((c) => c.column_name), ['file', 'row', 'amount', 'given', 'note', 'flagged']);
  await s.close();
  await assert.rejects(openStoreSession(path, [{ name: 'demo', migrations: { duckdb: demo.migrations.duckdb.slice(0, 1) } }]), /newer than this vigie/);
});

test('rows load in bulk as raw TSV with NULLs and typed columns, and a failed transaction stores nothing', async () => {
  const s = await openStoreSession(join(dir, 't.duckdb'), [demo]);
  const tsv = Buffer.from('a.csv\t1\t200.50\t2011-04-13\tfirst\nb.csv\t2\t\u0001\t\u0001\tsecond, with comma\n');
  const n = await s.database.transaction((tx) => tx.loadTsv('demo_rows', ['file', 'row', 'amount', 'given', 'note'], tsv));
  assert.equal(n, 2);
  const rows = await s.database.query(`SELECT file, row, amount::DOUBLE AS amount, strftime(given, '%Y-%m-%d') AS given, note FROM demo_rows ORDER BY row`);
  assert.deepEqual(rows, [
    { file: 'a.csv', row: '1', amount: 200.5, given: '2011-04-13', note: 'first' },
    { file: 'b.csv', row: '2', amount: null, given: null, note: 'second, with comma' },
  ]);
  await assert.rejects(s.database.transaction(async (tx) => {
    await tx.loadTsv('demo_rows', ['file', 'row'], Buffer.from('c.csv\t3\n'));
    await tx.run('SELECT * FROM no_such_table');
  }), /database write failed/);
  const [count] = await s.database.query('SELECT count(*) AS n FROM demo_rows');
  assert.equal(count?.n, '2');
  await assert.rejects(s.database.transaction((tx) => tx.loadTsv('demo_rows', ['file', 'nope'], Buffer.from('x\ty\n'))), /has no column nope/);
  await s.close();
});

test('a command that only reads refuses to create a missing database', async () => {
  await assert.rejects(openStoreSession(join(dir, 'missing.duckdb'), [demo], { create: false }), /no such database/);
});
