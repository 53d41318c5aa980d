/**
 * `npm run bench:finance`: vigie's contribution import against Python's `csv` module reading
 * the same file to tuples (the peer the issue names), in one launch, alternating runs so a
 * shared machine's drift hits both alike; medians of N runs and their ratio.
 *
 * The file: a 27-column "as reviewed" CSV of `--rows` rows (default 1,000,000), made from the
 * benchmark generator's year (seed 2026), cached under bench/out/. Three measures:
 * - python: `csv.reader` over the file, each row made a tuple (wall time of the child);
 * - vigie streaming parse: the streaming reader (zip entries, files DuckDB rejects) decoding,
 *   splitting and mapping every row to a contribution (in process, no store);
 * - vigie import: `vigie finance import FILE --db fresh.duckdb --quiet` (child, wall time,
 *   stored: DuckDB's CSV reader straight into the table, mapped in SQL), with the child's CPU
 *   time beside Python's (the machine is shared: wall times carry its load).
 *
 *   npm run build && node dist/bench/finance-import-speed.js [--rows N] [--runs N]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CsvSplitter } from '../src/finance/formats/csv.js';
import { detectLayout, mapRecord, type Layout } from '../src/finance/formats/layouts.js';
import { inputParts } from '../src/finance/formats/open-input.js';
import { ec27Row, ec27File } from '../src/finance/fixtures.js';
import { loadCalibration } from '../src/finance/synth/calibration.js';
import { generateBenchmark } from '../src/finance/synth/generate.js';
import { corpus } from '../src/testing/corpora.js';
import { projectRoot } from './bench-log.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } } });
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const root = projectRoot();
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });
const file = join(out, `finance-${ROWS}.csv`);

async function makeFile(): Promise<void> {
  if (existsSync(file)) return;
  const b = generateBenchmark(loadCalibration(corpus('finance/derived')), { seed: 2026 });
  const lines = b.rows.map((r) => ec27Row({
    entity: r.politicalEntity, recipientId: r.recipientId, recipient: r.recipient, party: r.party, district: r.district,
    type: r.contributorType, name: r.contributorName, city: r.city, province: r.province, postal: r.postal, date: r.date,
    amount: `${' '.repeat(3)}${(r.monetaryCents / 100).toFixed(2)}`,
  }));
  const w = createWriteStream(`${file}.part`);
  w.write('\ufeff' + ec27File([]).trimEnd() + '\r\n');
  for (let i = 0; i < ROWS; i++) if (!w.write(lines[i % lines.length] + '\r\n')) await new Promise<void>((r) => w.once('drain', () => r()));
  await new Promise<void>((r) => w.end(r));
  spawnSync('mv', [`${file}.part`, file]);
}

const PY = `import csv, sys
n = 0
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    for row in csv.reader(f):
        t = tuple(row)
        n += 1
print(n)`;

/** Wall and CPU seconds of a child run with /usr/bin/time (CPU: user + system). */
function timed(cmd: string, args: string[], what: string): { wall: number; cpu: number } {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'VIGIE_CPU %U %S', cmd, ...args], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${what}: ${r.stderr}`);
  const m = /VIGIE_CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
}

function python(): { wall: number; cpu: number } {
  return timed('python3', ['-c', PY, file], 'python3');
}

async function vigieParse(): Promise<{ secs: number; rows: number }> {
  const t = process.hrtime.bigint();
  const [part] = await inputParts(file);
  let layout: Layout | null = null;
  let n = 0;
  let row = 0;
  const splitter = new CsvSplitter(',');
  const decoder = new TextDecoder('utf-8');
  const on = (r: { fields: string[] }) => {
    if (!layout) { layout = detectLayout(r.fields)!.layout; return; }
    if (!('reason' in mapRecord(layout, r.fields, 'f', ++row))) n++;
  };
  for await (const chunk of part!.open() as AsyncIterable<Buffer>) splitter.push(decoder.decode(chunk, { stream: true }), on);
  splitter.end(on);
  return { secs: Number(process.hrtime.bigint() - t) / 1e9, rows: n };
}

function vigieImport(): { wall: number; cpu: number } {
  const db = join(out, 'finance-bench.duckdb');
  rmSync(db, { force: true }); rmSync(`${db}.wal`, { force: true });
  return timed(process.execPath, [join(root, 'bin/vigie.js'), 'finance', 'import', file, '--db', db, '--quiet'], 'vigie finance import');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await makeFile();
const py: number[] = []; const pyCpu: number[] = []; const parse: number[] = []; const imp: number[] = []; const impCpu: number[] = [];
let parsed = 0;
for (let i = 0; i < RUNS; i++) {
  const p0 = python(); py.push(p0.wall); pyCpu.push(p0.cpu);
  const p = await vigieParse(); parse.push(p.secs); parsed = p.rows;
  const i0 = vigieImport(); imp.push(i0.wall); impCpu.push(i0.cpu);
}
const m = { python: median(py), parse: median(parse), import: median(imp), pyCpu: median(pyCpu), impCpu: median(impCpu) };
console.log(`finance import bench: ${ROWS.toLocaleString('en-CA')} rows (27 columns, BOM, CRLF, padded amounts), ${RUNS} runs, medians`);
console.log(`  python csv -> tuples            ${m.python.toFixed(2)} s  (${Math.round(ROWS / m.python).toLocaleString('en-CA')} rows/s)  cpu ${m.pyCpu.toFixed(2)} s`);
console.log(`  vigie streaming parse + map     ${m.parse.toFixed(2)} s  (${Math.round(parsed / m.parse).toLocaleString('en-CA')} rows/s)  ratio ${(m.python / m.parse).toFixed(2)}x`);
console.log(`  vigie import (stored)           ${m.import.toFixed(2)} s  (${Math.round(ROWS / m.import).toLocaleString('en-CA')} rows/s)  ratio ${(m.python / m.import).toFixed(2)}x  cpu ${m.impCpu.toFixed(2)} s (ratio ${(m.pyCpu / m.impCpu).toFixed(2)}x)`);
console.log(`  goal: import >= 5x python; ${m.python / m.import >= 5 ? 'met' : 'NOT met'}`);
