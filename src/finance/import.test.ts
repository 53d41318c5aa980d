import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import test from 'node:test';
import { runCli } from '../testing/run-cli.js';
import { corpus } from '../testing/corpora.js';
import { ec27File, zipOf, type Ec27Fields } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-finance-import-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const ROWS: Ec27Fields[] = [
  { name: 'Tremblay, Jean-François M', date: '2021-08-01', amount: '   200.00' },
  { name: 'Wong, Siu Ming', date: '2021-08-02', amount: '1,650.00', postal: 'M5V 2T6', city: 'Toronto', province: 'ON' },
  { name: 'Contributions of $200 or less', date: '', amount: '4,210.00', postal: '', city: '', province: '' },
  { name: 'Côté, Hélène', date: 'not a date', amount: '50.00' },
];

async function importJson(args: string[]): Promise<any> {
  const out = join(dir, `summary-${Math.random().toString(36).slice(2)}.json`);
  const r = await runCli(['finance', 'import', ...args, '--json', out, '--quiet']);
  return { r, summary: r.code === 0 || r.code === 4 ? JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')) : null };
}

test('finance import reads the 27-column layout with BOM and CRLF, keeps rollups apart, reports a bad row as file:line', async () => {
  const file = join(dir, 'od_cntrbtn_audt_e.csv');
  writeFileSync(file, '\ufeff' + ec27File(ROWS));
  const db = join(dir, 'a.duckdb');
  const { r, summary } = await importJson([file, '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const f = summary.files[0];
  assert.equal(f.layout, 'ec-27');
  assert.equal(f.encoding, 'utf-8');
  assert.deepEqual([f.itemised, f.rollups, f.malformed], [2, 1, 1]);
  // Line 5: header is line 1, the bad row is the 4th data row.
  assert.deepEqual(f.errors, ["od_cntrbtn_audt_e.csv:5: unreadable date 'not a date'"]);
  assert.match(r.stderr, /od_cntrbtn_audt_e\.csv:5: unreadable date/);
  // The same content again, under another name: nothing stored twice.
  const copy = join(dir, 'copy.csv');
  writeFileSync(copy, '\ufeff' + ec27File(ROWS));
  const again = await importJson([copy, '--db', db]);
  assert.equal(again.summary.files[0].status, 'already_imported');
  const ents = join(dir, 'a.csv');
  const e = await runCli(['finance', 'entities', '--db', db, '--out', ents]);
  assert.equal(e.code, 0, e.stderr);
  const lines = (await import('node:fs')).readFileSync(ents, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'file,row,entity_id');
  assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(',')), ['od_cntrbtn_audt_e.csv,1', 'od_cntrbtn_audt_e.csv,2']);
});

test('finance import detects French headers (Latin-1), headerless 26 columns, .gz and .zip', async () => {
  const fr = join(dir, 'od_cntrbtn_audt_f.csv');
  writeFileSync(fr, Buffer.from(ec27File(ROWS.slice(0, 2), { header: 'fr' }), 'latin1'));
  const bare = join(dir, 'as-submitted.csv');
  writeFileSync(bare, ec27File(ROWS.slice(0, 2), { header: 'none', columns: 26 }));
  const gz = join(dir, 'reviewed.csv.gz');
  writeFileSync(gz, gzipSync(ec27File(ROWS.slice(1, 2))));
  const zip = join(dir, 'od_cntrbtn_audt_e.zip');
  writeFileSync(zip, zipOf([{ name: 'PoliticalFinance/od_cntrbtn_audt_e.csv', data: Buffer.from(ec27File([{ name: 'Lee, Ann', date: '2022-01-05', amount: '300.00' }])) }]));
  const { r, summary } = await importJson([fr, bare, gz, zip, '--db', join(dir, 'b.duckdb')]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(summary.files.map((f: any) => [f.file, f.layout, f.encoding, f.itemised]), [
    ['od_cntrbtn_audt_f.csv', 'ec-27', 'latin-1', 2],
    ['as-submitted.csv', 'ec-26', 'utf-8', 2],
    ['reviewed.csv.gz', 'ec-27', 'utf-8', 1],
    ['od_cntrbtn_audt_e.zip/PoliticalFinance/od_cntrbtn_audt_e.csv', 'ec-27', 'utf-8', 1],
  ]);
});

test('finance import on a real 2004–2013 file: every row stored, the glued line reported at its line', async () => {
  const file = corpus('finance/elections-canada/party-contributions-2004-2013-as-submitted/Liberal/Liberal Party.2006.csv');
  const { r, summary } = await importJson([file, '--db', join(dir, 'c.duckdb')]);
  assert.equal(r.code, 0, r.stderr);
  const f = summary.files[0];
  assert.equal(f.layout, 'ec-2004');
  // 17,817 lines, no header: every line is a row, stored or counted.
  assert.equal(f.itemised + f.rollups + f.malformed, 17817);
  assert.equal(f.malformed, 1);
  assert.deepEqual(f.errors, ['Liberal Party.2006.csv:17804: 15 fields, expected 8']);
});

test('finance import: a file that is not contributions is one clear line and exit 4; a missing file exit 3', async () => {
  const junk = join(dir, 'junk.csv');
  writeFileSync(junk, 'a,b\n1,2\n');
  const { r } = await importJson([junk, '--db', join(dir, 'd.duckdb')]);
  assert.equal(r.code, 4);
  assert.match(r.stderr, /junk\.csv:1: not an Elections Canada contribution file/);
  const missing = await runCli(['finance', 'import', join(dir, 'nope.csv'), '--db', join(dir, 'd.duckdb')]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /^vigie: .*nope\.csv: no such file/);
});
