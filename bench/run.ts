/**
 * `npm run bench`: vigie against GoAccess on the same deterministic combined log, side by side.
 * See bench/README.md.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ATTACK_SHARE, ensureLog, projectRoot, SEED } from './bench-log.js';
import { commandExists, hasGnuTime, measure, type RunMeasure } from './measure.js';
import { speedRatio, summarise, table, verdict } from './summary.js';

const TOOLS = ['goaccess', 'vigie'] as const;
type Tool = (typeof TOOLS)[number];

function options(): { lines: number; runs: number; tools: Tool[] } {
  const { values } = parseArgs({
    options: { lines: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, only: { type: 'string' } },
  });
  const lines = Number(values.lines);
  const runs = Number(values.runs);
  if (!Number.isInteger(lines) || lines < 1 || !Number.isInteger(runs) || runs < 1) {
    throw new Error('bench: --lines and --runs take positive integers');
  }
  const only = values.only;
  if (only !== undefined && !TOOLS.includes(only as Tool)) throw new Error(`bench: --only takes ${TOOLS.join(' or ')}`);
  return { lines, runs, tools: only === undefined ? [...TOOLS] : [only as Tool] };
}

function readJson(path: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function runOnce(tool: Tool, run: number, root: string, log: string, outDir: string): Promise<RunMeasure> {
  const rel = (p: string): string => relative(root, p);
  if (tool === 'goaccess') {
    return measure(tool, run, 'goaccess', [rel(log), '--log-format=COMBINED', '-o', rel(join(outDir, 'report.json'))], root);
  }
  const db = join(outDir, 'bench.duckdb');
  for (const p of [db, `${db}.wal`, join(outDir, 'vigie.json')]) rmSync(p, { force: true });
  const m = await measure(tool, run, process.execPath, ['bin/vigie.js', 'web', 'analyze', rel(log), '--db', rel(db), '--json', rel(join(outDir, 'vigie.json'))], root);
  if (m.peakRssMb !== null || !m.ok) return m;
  // No GNU time: fall back on the peak vigie reports about itself.
  const self = readJson(join(outDir, 'vigie.json'))?.peak_rss_mb;
  return typeof self === 'number' ? { ...m, peakRssMb: self, rssSource: 'self-reported' } : m;
}

/** What GoAccess says it parsed, so a fast run that rejected lines does not go unnoticed. */
function goaccessCounts(outDir: string): { total: unknown; valid: unknown; failed: unknown } | null {
  const general = readJson(join(outDir, 'report.json'))?.general as Record<string, unknown> | undefined;
  return general ? { total: general.total_requests, valid: general.valid_requests, failed: general.failed_requests } : null;
}

async function main(): Promise<number> {
  const { lines, runs, tools } = options();
  const root = projectRoot();
  const outDir = join(root, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  if (tools.includes('goaccess') && !commandExists('goaccess')) {
    process.stderr.write('bench: goaccess not found. Install the Debian/Ubuntu package "goaccess" (apt-get install goaccess), or run with --only vigie.\n');
    return 1;
  }
  if (!hasGnuTime()) process.stdout.write('note: /usr/bin/time not found; peak RSS of vigie is its own report, GoAccess\'s is n/a\n');
  const log = ensureLog(outDir, lines);
  const measures: RunMeasure[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const tool of tools) {
      const m = await runOnce(tool, run, root, log, outDir);
      measures.push(m);
      const rss = m.peakRssMb === null ? 'n/a' : m.peakRssMb.toFixed(1);
      process.stdout.write(`run ${run}/${runs} ${tool.padEnd(8)} ${m.ok ? 'ok' : `FAILED (exit ${m.exitCode})`}  ${m.wallSecs.toFixed(2)} s  peak RSS ${rss} MB\n`);
      if (!m.ok && m.error) process.stdout.write(`  ${m.error.replace(/\n/g, '\n  ')}\n`);
    }
  }
  const summaries = tools.map((t) => summarise(t, measures, lines));
  const byTool = new Map(summaries.map((s) => [s.tool, s]));
  const ratio = speedRatio(byTool.get('vigie'), byTool.get('goaccess'));
  const line = verdict(ratio, byTool.get('vigie'));
  process.stdout.write(`\n${lines.toLocaleString('en-CA')} lines, ${(statSync(log).size / 2 ** 20).toFixed(0)} MiB, ${runs} run(s) each\n`);
  process.stdout.write(`${table(summaries)}\nvigie/GoAccess speed ratio: ${ratio === null ? 'n/a' : ratio.toFixed(2)}\n${line}\n`);
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', mem_mb: Math.round(totalmem() / 2 ** 20), node: process.version },
    log: { path: relative(root, log), lines, bytes: statSync(log).size, seed: SEED, attack_share: ATTACK_SHARE },
    runs: measures,
    summary: summaries,
    ratio,
    verdict: line,
    goaccess_parsed: tools.includes('goaccess') ? goaccessCounts(outDir) : null,
  };
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`results: ${relative(root, join(outDir, 'results.json'))}\n`);
  return measures.every((m) => m.ok) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
