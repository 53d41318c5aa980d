/**
 * Quick quality check of the SQLi and XSS detectors on ../shared/corpora/http, until
 * `npm run eval` exists: detection rate on the payload lists (class sqli, xss), on the CRS
 * regression cases of the 942 (SQLi) and 941 (XSS) families that expect a match, and false
 * positives on CSIC 2010 normal training traffic.
 *
 * Run: `npx tsx bench/eval/tokenizers-check.ts [--misses sqli|xss|crs942|crs941|fp] [--max N]`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding, RequestDetector } from '../../src/core/index.js';
import { corporaDir } from '../../src/testing/corpora.js';
import { scanRequest, type RequestObject } from '../../src/web/detect/scan-request.js';
import { createDetectors } from '../../src/web/detectors.js';

interface Row extends RequestObject {
  class?: string;
  rule_id?: number;
  expect?: string | null;
  payload?: string;
}

function readJsonl(path: string): Row[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Row);
}

// Each row is scanned once, whatever the number of tallies that read it.
const scanned = new WeakMap<Row, Finding[]>();

function findings(detectors: RequestDetector[], row: Row, line: number): Finding[] {
  const known = scanned.get(row);
  if (known !== undefined) return known;
  const out: Finding[] = [];
  scanned.set(row, out);
  for (const d of detectors) out.push(...scanRequest(d, row, { file: '-', line }));
  return out;
}

type Pick = (f: Finding) => boolean;

interface Tally { label: string; total: number; hits: number; misses: Row[] }

function tally(label: string, rows: Row[], detectors: RequestDetector[], pick: Pick): Tally {
  const t: Tally = { label, total: rows.length, hits: 0, misses: [] };
  rows.forEach((row, i) => {
    if (findings(detectors, row, i + 1).some(pick)) t.hits++;
    else t.misses.push(row);
  });
  return t;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { misses: { type: 'string' }, max: { type: 'string', default: '40' } } });
  const http = join(corporaDir(), 'http');
  const detectors = await createDetectors({});
  const payloads = readJsonl(join(http, 'payload-lists', 'payloads.jsonl'));
  const crs = readJsonl(join(http, 'crs-regression', 'crs_regression_public.jsonl'));
  const csic = readJsonl(join(http, 'csic2010', 'normalTrafficTraining.jsonl'));
  const cls = (c: string): Pick => (f) => f.class === c;
  const tokenizer = (id: string): Pick => (f) => f.rule === id;
  const family = (prefix: string) => crs.filter((r) => r.expect === 'match' && String(r.rule_id).startsWith(prefix));
  const started = Date.now();
  const rows: Tally[] = [
    tally('payloads sqli (any sqli finding)', payloads.filter((p) => p.class === 'sqli'), detectors, cls('sqli')),
    tally('payloads sqli (sqli-tokenizer)', payloads.filter((p) => p.class === 'sqli'), detectors, tokenizer('sqli-tokenizer')),
    tally('payloads xss (any xss finding)', payloads.filter((p) => p.class === 'xss'), detectors, cls('xss')),
    tally('payloads xss (xss-tokenizer)', payloads.filter((p) => p.class === 'xss'), detectors, tokenizer('xss-tokenizer')),
    tally('crs 942 match (any finding)', family('942'), detectors, () => true),
    tally('crs 942 match (sqli finding)', family('942'), detectors, cls('sqli')),
    tally('crs 941 match (any finding)', family('941'), detectors, () => true),
    tally('crs 941 match (xss finding)', family('941'), detectors, cls('xss')),
  ];
  const fp = (label: string, pick: Pick): Tally => {
    const t = tally(label, csic, detectors, pick);
    return { ...t, hits: t.total - t.misses.length, misses: csic.filter((r, i) => findings(detectors, r, i + 1).some(pick)) };
  };
  const fps = [
    fp('csic normal: flagged by anything', () => true),
    fp('csic normal: flagged sqli', cls('sqli')),
    fp('csic normal: flagged xss', cls('xss')),
    fp('csic normal: flagged by tokenizers', (f) => f.rule.endsWith('-tokenizer')),
  ];
  for (const t of [...rows, ...fps]) {
    process.stdout.write(`${t.label.padEnd(40)} ${String(t.hits).padStart(6)} / ${String(t.total).padEnd(6)} ${((100 * t.hits) / t.total).toFixed(2)}%\n`);
  }
  process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  const which: Record<string, Row[]> = {
    sqli: rows[0]!.misses, xss: rows[2]!.misses, crs942: rows[5]!.misses, crs941: rows[7]!.misses, fp: fps[0]!.misses,
    fptok: fps[3]!.misses,
  };
  const list = values.misses === undefined ? undefined : which[values.misses];
  for (const row of (list ?? []).slice(0, Number(values.max))) {
    const shown = row.payload ?? `${row.method} ${row.uri} ${row.data ?? (typeof row.body === 'string' ? row.body : '')}`;
    const why = values.misses?.startsWith('fp') ? ' => ' + findings(detectors, row, 0).map((f) => `${f.rule}@${f.location}:${f.fragment}`).join(' | ') : '';
    process.stdout.write(`${String(row.rule_id ?? '')} ${shown}${why}\n`);
  }
}

await main();
