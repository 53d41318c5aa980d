/**
 * The parse stage alone (chunk checks, line parser, row encoding; no detectors, no store), on
 * the 1M-line benchmark log and on held-out lines (the scanner access logs, repeated to the
 * same count), single-threaded. `npm run bench` measures the whole analysis against GoAccess;
 * this isolates the per-line cost of reading a log, for changes to the parsers.
 *
 * With `--against DIR` (another checkout, built, e.g. a worktree of main) it loads that build's
 * parse stage too and alternates passes of the two in one process, so a shared machine's drift
 * hits both alike, and reports the ratio of each pair. Figures are CPU seconds of the parsing
 * thread: on a busy machine they vary far less than wall time.
 *
 *   npm run build && node dist/bench/parse-speed.js [--lines N] [--runs N] [--against DIR]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RowEncoder } from '../src/store/index.js';
import type { LineParser, LogFormat } from '../src/web/formats/index.js';
import type { ChunkContext, ChunkResult, ChunkTask } from '../src/web/ingest/parse-chunk.js';
import { corpus } from '../src/testing/corpora.js';
import { ensureLog, projectRoot } from './bench-log.js';

const CHUNK_BYTES = 1 << 20;

/** The parse stage of one build. */
interface Build {
  name: string;
  parseChunk: (task: ChunkTask, ctx: ChunkContext) => ChunkResult;
  RowEncoder: new (firstId: number) => RowEncoder;
  createParser: (format: LogFormat) => LineParser;
}

/** The parse stage of the build whose `dist/` is under `root`. */
async function loadBuild(name: string, root: string): Promise<Build> {
  const at = (p: string): string => `file://${resolve(root, 'dist', p)}`;
  const [ingest, store, formats] = await Promise.all([
    import(at('src/web/ingest/parse-chunk.js')), import(at('src/store/index.js')), import(at('src/web/formats/index.js')),
  ]) as [{ parseChunk: Build['parseChunk'] }, { RowEncoder: Build['RowEncoder'] }, { createParser: Build['createParser'] }];
  return { name, parseChunk: ingest.parseChunk, RowEncoder: store.RowEncoder, createParser: formats.createParser };
}

/** Whole-line chunks of about CHUNK_BYTES, as the ingest cuts them. */
function chunks(data: Buffer): ChunkTask[] {
  const out: ChunkTask[] = [];
  let start = 0;
  let line = 1;
  while (start < data.length) {
    let end = data.indexOf(10, Math.min(start + CHUNK_BYTES, data.length - 1));
    end = end < 0 ? data.length : end + 1;
    const slice = data.subarray(start, end);
    out.push({ seq: out.length, sourceId: 1, file: 'bench.log', firstLine: line, data: slice, directive: '' });
    for (let i = 0; i < slice.length; i++) if (slice[i] === 10) line++;
    start = end;
  }
  return out;
}

interface Pass { cpuSecs: number; parsed: number; malformed: number }

/** CPU seconds to parse every chunk once, and the lines parsed (malformed lines would show here). */
function parseAll(build: Build, tasks: readonly ChunkTask[]): Pass {
  const ctx = { encoder: new build.RowEncoder(1), parser: build.createParser('combined'), detectors: [], trustProxyHops: 0 };
  let parsed = 0;
  let malformed = 0;
  const cpu = process.cpuUsage();
  for (const task of tasks) {
    const r = build.parseChunk(task, ctx);
    parsed += r.parsed;
    malformed += r.malformed;
  }
  const used = process.cpuUsage(cpu);
  return { cpuSecs: (used.user + used.system) / 1e6, parsed, malformed };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measure(name: string, data: Buffer, runs: number, builds: readonly Build[]): void {
  const tasks = chunks(data);
  for (const b of builds) parseAll(b, tasks); // warm-up: JIT and the encoders' dictionaries
  const passes = builds.map(() => [] as Pass[]);
  for (let r = 0; r < runs; r++) builds.forEach((b, i) => passes[i]!.push(parseAll(b, tasks)));
  process.stdout.write(`${name}\n`);
  builds.forEach((b, i) => {
    const { parsed, malformed } = passes[i]![0]!;
    const cpu = median(passes[i]!.map((p) => p.cpuSecs));
    process.stdout.write(`  ${b.name.padEnd(8)} ${parsed.toLocaleString('en-CA')} parsed, ${malformed.toLocaleString('en-CA')} malformed; median ${cpu.toFixed(2)} CPU s`
      + ` (${Math.round(parsed / cpu).toLocaleString('en-CA')} lines per CPU-second); runs: ${passes[i]!.map((p) => p.cpuSecs.toFixed(2)).join(' ')}\n`);
  });
  if (builds.length === 2) {
    const ratios = passes[0]!.map((p, r) => p.cpuSecs / passes[1]![r]!.cpuSecs);
    process.stdout.write(`  this/against per pair: ${ratios.map((x) => x.toFixed(2)).join(' ')}; median ${median(ratios).toFixed(3)}\n`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { lines: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' }, against: { type: 'string' } } });
  const lines = Number(values.lines);
  const runs = Number(values.runs);
  const root = projectRoot();
  const builds = [await loadBuild('this', root)];
  if (values.against !== undefined) builds.push(await loadBuild('against', values.against));
  const log = readFileSync(ensureLog(join(root, 'bench', 'out'), lines));
  const ipv6 = log.toString('latin1').split('\n').filter((l) => l.indexOf(':') >= 0 && l.indexOf(':') < l.indexOf(' ')).length;
  process.stdout.write(`benchmark log: ${lines.toLocaleString('en-CA')} lines, ${(ipv6 / lines * 100).toFixed(1)}% from IPv6 clients\n`);
  measure('demo traffic (the bench log)', log, runs, builds);
  const scanner = Buffer.concat(['acunetix', 'netsparker', 'w3af'].map((s) => readFileSync(corpus(`http/scanner-access-logs/${s}.access.log`))));
  const perCopy = scanner.toString('latin1').split('\n').length - 1;
  measure('held out: the scanner logs, repeated', Buffer.concat(new Array<Buffer>(Math.ceil(lines / perCopy)).fill(scanner)), runs, builds);
}

void main();
