/**
 * The parse stage alone (chunk checks, line parser, row encoding; no detectors, no store), on
 * the 1M-line benchmark log and on held-out lines (the scanner access logs, repeated to the
 * same count), single-threaded. `npm run bench` measures the whole analysis against GoAccess;
 * this isolates the per-line cost of reading a log, for before/after comparisons of a change
 * to the parsers (run it on both builds, same machine, same minute). It reports wall time and
 * CPU time: on a shared machine the CPU seconds of the parsing thread are the steadier figure.
 *
 *   npm run build && node dist/bench/parse-speed.js [--lines N] [--runs N]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RowEncoder } from '../src/store/index.js';
import { createParser } from '../src/web/formats/index.js';
import { parseChunk, type ChunkTask } from '../src/web/ingest/parse-chunk.js';
import { corpus } from '../src/testing/corpora.js';
import { ensureLog, projectRoot } from './bench-log.js';

const CHUNK_BYTES = 1 << 20;

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

interface Pass { secs: number; cpuSecs: number; parsed: number; malformed: number }

/** Wall and CPU seconds to parse every chunk once, and the lines parsed (malformed lines would show here). */
function parseAll(tasks: readonly ChunkTask[]): Pass {
  const ctx = { encoder: new RowEncoder(1), parser: createParser('combined'), detectors: [], trustProxyHops: 0 };
  let parsed = 0;
  let malformed = 0;
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (const task of tasks) {
    const r = parseChunk(task, ctx);
    parsed += r.parsed;
    malformed += r.malformed;
  }
  const used = process.cpuUsage(cpu);
  return { secs: Number(process.hrtime.bigint() - started) / 1e9, cpuSecs: (used.user + used.system) / 1e6, parsed, malformed };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measure(name: string, data: Buffer, runs: number): void {
  const tasks = chunks(data);
  parseAll(tasks); // warm-up: JIT and the encoder's dictionary
  const passes: Pass[] = [];
  for (let r = 0; r < runs; r++) passes.push(parseAll(tasks));
  const { parsed, malformed } = passes[0]!;
  const wall = median(passes.map((p) => p.secs));
  const cpu = median(passes.map((p) => p.cpuSecs));
  const rate = (secs: number): string => Math.round(parsed / secs).toLocaleString('en-CA');
  process.stdout.write(`${name.padEnd(34)} ${parsed.toLocaleString('en-CA').padStart(10)} parsed ${malformed.toLocaleString('en-CA').padStart(6)} malformed  `
    + `median wall ${wall.toFixed(2)} s (${rate(wall)} lines/s), CPU ${cpu.toFixed(2)} s (${rate(cpu)} lines per CPU-second); CPU s per run: ${passes.map((p) => p.cpuSecs.toFixed(2)).join(' ')}\n`);
}

function main(): void {
  const { values } = parseArgs({ options: { lines: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } } });
  const lines = Number(values.lines);
  const runs = Number(values.runs);
  const log = readFileSync(ensureLog(join(projectRoot(), 'bench', 'out'), lines));
  const ipv6 = log.toString('latin1').split('\n').filter((l) => l.indexOf(':') >= 0 && l.indexOf(':') < l.indexOf(' ')).length;
  process.stdout.write(`benchmark log: ${lines.toLocaleString('en-CA')} lines, ${(ipv6 / lines * 100).toFixed(1)}% from IPv6 clients\n`);
  measure('demo traffic (bench log)', log, runs);
  const scanner = ['acunetix', 'netsparker', 'w3af'].map((s) => readFileSync(corpus(`http/scanner-access-logs/${s}.access.log`)));
  const one = Buffer.concat(scanner);
  const perCopy = one.toString('latin1').split('\n').length - 1;
  measure('held out: scanner logs, repeated', Buffer.concat(new Array<Buffer>(Math.ceil(lines / perCopy)).fill(one)), runs);
}

main();
