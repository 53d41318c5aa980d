import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import test from 'node:test';
import { openStoreSession } from '../store/index.js';
import { corpus } from '../testing/corpora.js';
import { ec27File, type Ec27Fields } from './fixtures.js';
import { importFiles, type ImportSummary } from './import.js';
import { financeModule } from './module.js';

/**
 * DuckDB's CSV reader (plain and .gz files) and vigie's streaming reader (zip entries, and
 * files DuckDB rejects) must store the same rows, numbered alike, and report the same
 * malformed rows: both run on the same real and tricky files, and every stored value is
 * compared.
 */
const dir = mkdtempSync(join(tmpdir(), 'vigie-finance-readers-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

async function importWith(files: string[], db: string, streaming: boolean): Promise<ImportSummary> {
  const session = await openStoreSession(db, [financeModule], { memoryLimitMb: 512 });
  try {
    return await importFiles({ files, database: session.database, streaming });
  } finally {
    await session.close();
  }
}

/** Rows stored in `a` and not in `b` and the reverse (file_id aside), and `a`'s count. */
async function compare(a: string, b: string): Promise<{ rows: number; onlyA: number; onlyB: number; sample: unknown[] }> {
  const session = await openStoreSession(join(dir, `cmp-${Math.random().toString(36).slice(2)}.duckdb`), [financeModule], { memoryLimitMb: 512 });
  try {
    const db = session.database;
    await db.run(`ATTACH '${a}' AS a (READ_ONLY)`);
    await db.run(`ATTACH '${b}' AS b (READ_ONLY)`);
    const cols = `* EXCLUDE (file_id)`;
    const [n] = await db.query(`SELECT count(*) AS n FROM a.finance_contributions`);
    const [x] = await db.query(`SELECT count(*) AS n FROM (SELECT ${cols} FROM a.finance_contributions EXCEPT ALL SELECT ${cols} FROM b.finance_contributions)`);
    const [y] = await db.query(`SELECT count(*) AS n FROM (SELECT ${cols} FROM b.finance_contributions EXCEPT ALL SELECT ${cols} FROM a.finance_contributions)`);
    const sample = await db.query(`(SELECT 'a' AS side, ${cols} FROM a.finance_contributions EXCEPT ALL SELECT 'a', ${cols} FROM b.finance_contributions) UNION ALL (SELECT 'b', ${cols} FROM b.finance_contributions EXCEPT ALL SELECT 'b', ${cols} FROM a.finance_contributions) ORDER BY file, "row" LIMIT 6`);
    return { rows: Number(n!.n), onlyA: Number(x!.n), onlyB: Number(y!.n), sample };
  } finally {
    await session.close();
  }
}

const strip = (s: ImportSummary) => s.files.map(({ file, layout, encoding, status, rows, itemised, rollups, malformed, errors }) => ({ file, layout, encoding, status, rows, itemised, rollups, malformed, errors }));

// Three lists by default; `FINANCE_ALL_CORPUS=1` compares all 33 (471,980 rows, a few minutes).
test('both readers store the same rows of real 2004–2013 lists (accents, the glued line, rollups)', async () => {
  const root = corpus('finance/elections-canada/party-contributions-2004-2013-as-submitted');
  const files = process.env.FINANCE_ALL_CORPUS === '1'
    ? readdirSync(root).flatMap((d) => readdirSync(join(root, d)).map((f) => join(root, d, f))).sort()
    : [['Liberal', 'Liberal Party.2006.csv'], ['Bloc', 'Bloc Quebecois.2008.csv'], ['Green', 'Green Party.2011.csv']].map(([d, f]) => join(root, d!, f!));
  const fast = await importWith(files, join(dir, 'fast.duckdb'), false);
  const slow = await importWith(files, join(dir, 'slow.duckdb'), true);
  assert.deepEqual(strip(fast), strip(slow));
  assert.ok(fast.rows > 20_000);
  const c = await compare(join(dir, 'fast.duckdb'), join(dir, 'slow.duckdb'));
  assert.equal(c.rows, fast.rows);
  assert.deepEqual([c.onlyA, c.onlyB], [0, 0], JSON.stringify(c.sample, null, 1));
});

test('both readers agree on tricky modern files: quoted line breaks, padded and French amounts, dates, bad rows, Latin-1, .gz, blank lines', async () => {
  const rows: Ec27Fields[] = [
    { name: 'Tremblay, Jean-François M', date: '2021-08-01', amount: '   200.00' },
    { name: 'Wong,  Siu Ming', date: 'Aug 2, 2021', amount: '1,650.00', postal: 'm5v 2t6', city: 'Toronto', province: 'on' },
    { name: 'Contributions of $200 or less', date: '', amount: '4,210.00', postal: '', city: '', province: '' },
    { name: 'Côté, Hélène', date: 'not a date', amount: '50.00' },
    { name: 'Lee, Ann', date: '2021-02-30', amount: '10' },
    { name: 'Smith, John', date: '8/3/2021', amount: '$75.5', nonMonetary: '1 275,50' },
    { name: 'O\'Brien, Pat "Paddy"', date: '3 août 2021', amount: '12abc' },
    { name: 'Roy, Luc', date: '2021/8/4 10:00', amount: '-50', recipient: 'Line\nbreak, Inc.' },
    { name: 'Gagnon, Marie', date: '2021-08-05', amount: '100.123' },
    { name: 'Anonymous Donor', date: '2021-08-06', amount: '20.00', through: 'Doe, Jane' },
    // A no-break space inside a 'First M Last' name (as in the real Liberal 2009 list).
    { name: 'Laurent P. Morel-\u00e0\u00a0-l\'Huissier', date: 'Dec 31, 2009', amount: '645.52' },
  ];
  const text = ec27File(rows);
  const short = text.replace(/\r\n$/, '') + '\r\nCandidates,1001,"Doe, Jane",too,few\r\n';
  const files = {
    'modern.csv': Buffer.from('\ufeff' + short),
    'latin1.csv': Buffer.from(ec27File(rows.slice(0, 4), { header: 'fr' }), 'latin1'),
    'bare26.csv': Buffer.from(ec27File(rows.slice(0, 6), { header: 'none', columns: 26 })),
    'gz.csv.gz': gzipSync(Buffer.from(text)),
    'blank.csv': Buffer.from(text.replace('\r\n', '\r\n   \r\n')),
  };
  const paths = Object.entries(files).map(([name, data]) => { const p = join(dir, name); writeFileSync(p, data); return p; });
  const fast = await importWith(paths, join(dir, 'fast2.duckdb'), false);
  const slow = await importWith(paths, join(dir, 'slow2.duckdb'), true);
  assert.deepEqual(strip(fast), strip(slow));
  const modern = fast.files[0]!;
  // Header is line 1; the recipient's quoted line break makes row 8 two lines (9 and 10).
  assert.deepEqual(modern.errors, [
    "modern.csv:5: unreadable date 'not a date'",
    "modern.csv:6: unreadable date '2021-02-30'",
    "modern.csv:8: unreadable amount '12abc'",
    "modern.csv:11: unreadable amount '100.123'",
    'modern.csv:14: 5 fields, expected 27',
  ]);
  const c = await compare(join(dir, 'fast2.duckdb'), join(dir, 'slow2.duckdb'));
  assert.equal(c.rows, fast.rows);
  assert.deepEqual([c.onlyA, c.onlyB], [0, 0], JSON.stringify(c.sample, null, 1));
});
