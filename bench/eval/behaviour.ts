/**
 * Behaviour section of `npm run eval`: are scanner sessions found as client-level findings,
 * and how many normal visitors get one (false positives)?
 *
 * - scanner-access-logs: each file is analysed on its own, through the same `analyzeLogs` as
 *   `vigie web analyze`, into a temporary DuckDB. A session is one scanner run from one
 *   address in one file (read from the lines; SOURCE.md: every line comes from a scanner run):
 *   acunetix from 192.168.4.25, netsparker from 192.168.4.164, w3af from 192.168.4.163, and two
 *   short w3af runs (user agent `w3af.org`) from 192.168.1.20. The w3af file also holds 20
 *   lines of a person browsing DVWA with Firefox from 192.168.4.25: the control, which should
 *   get no client finding.
 * - demo traffic: the generator's ground truth says which lines are normal; an address with
 *   only normal lines is a normal visitor (crawlers included).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeLogs } from '../../src/cli/web/analyze.js';
import { generateTrafficRecords } from '../../src/cli/demo/traffic.js';
import { writeTrafficFile } from '../../src/cli/demo/write-traffic.js';
import { DuckDbStore } from '../../src/store/index.js';
import { corpus } from '../../src/testing/corpora.js';
import { detectionRow, falsePositiveRow } from './rows.js';
import type { EvalRow, EvalSection } from './types.js';

/** Scanner sessions of ../shared/corpora/http/scanner-access-logs: file, address, tool. */
export const SCANNER_SESSIONS: ReadonlyArray<{ file: string; ip: string; tool: string }> = [
  { file: 'acunetix.access.log', ip: '192.168.4.25', tool: 'Acunetix' },
  { file: 'netsparker.access.log', ip: '192.168.4.164', tool: 'Netsparker' },
  { file: 'w3af.access.log', ip: '192.168.4.163', tool: 'w3af' },
  { file: 'w3af.access.log', ip: '192.168.1.20', tool: 'w3af (two short runs)' },
];
const HUMAN_CONTROL = { file: 'w3af.access.log', ip: '192.168.4.25' };
const DEMO_LINES = 300_000;

/** Client findings (rule names by address) of one log analysed alone, through `analyzeLogs`. */
export async function clientFindingsOf(file: string, db: string): Promise<Map<string, string[]>> {
  const summary = await analyzeLogs({
    files: [file], format: 'auto', db, follow: false, idleTimeoutSecs: 0, trustProxyHops: 0,
    workers: 1, reprocess: true, progress: false, home: null,
  });
  const store = await DuckDbStore.open(db);
  try {
    const rows = await store.query(
      `SELECT ip, list(DISTINCT rule ORDER BY rule) AS rules FROM findings WHERE run_id = $r AND scope = 'client' GROUP BY ip`,
      { r: summary.run_id });
    return new Map(rows.map((r) => [String(r.ip), r.rules as string[]]));
  } finally {
    await store.close();
  }
}

async function scannerRows(dir: string): Promise<EvalRow[]> {
  const byFile = new Map<string, Map<string, string[]>>();
  for (const file of new Set(SCANNER_SESSIONS.map((s) => s.file))) {
    byFile.set(file, await clientFindingsOf(corpus(`http/scanner-access-logs/${file}`), join(dir, 'scanners.duckdb')));
  }
  const rows = SCANNER_SESSIONS.map((s) => {
    const rules = byFile.get(s.file)?.get(s.ip) ?? [];
    return detectionRow('scanner-access-logs', `session found: ${s.tool} ${s.ip}`, 1, rules.length > 0 ? 1 : 0, 100, undefined, rules.join(', ') || 'no client finding');
  });
  const found = rows.filter((r) => r.hits === 1).length;
  rows.unshift(detectionRow('scanner-access-logs', 'scanner sessions with a client finding', SCANNER_SESSIONS.length, found, 100));
  const control = byFile.get(HUMAN_CONTROL.file)?.get(HUMAN_CONTROL.ip) ?? [];
  rows.push(falsePositiveRow('scanner-access-logs', 'person browsing (control) with a client finding', 1, control.length > 0 ? 1 : 0, 0, undefined, control.join(', ') || 'none'));
  return rows;
}

async function demoRows(dir: string): Promise<EvalRow[]> {
  const options = { lines: DEMO_LINES, seed: 2025 };
  const log = join(dir, 'demo.log');
  writeTrafficFile(log, options);
  const normal = new Set<string>();
  const attacker = new Set<string>();
  for (const r of generateTrafficRecords(options)) (r.campaign === null ? normal : attacker).add(r.line.slice(0, r.line.indexOf(' ')));
  for (const ip of attacker) normal.delete(ip);
  const found = await clientFindingsOf(log, join(dir, 'demo.duckdb'));
  const falsePositives = [...normal].filter((ip) => found.has(ip));
  const caught = [...attacker].filter((ip) => found.has(ip));
  const rules = new Map<string, number>();
  for (const ip of falsePositives) for (const rule of found.get(ip)!) rules.set(rule, (rules.get(rule) ?? 0) + 1);
  return [
    falsePositiveRow('demo traffic', 'normal visitors with a client finding', normal.size, falsePositives.length, 0.1, undefined,
      [...rules].map(([r, n]) => `${r} ×${n}`).join(', ') || `${DEMO_LINES.toLocaleString('en')} lines, seed 2025`),
    detectionRow('demo traffic', 'campaign addresses with a client finding', attacker.size, caught.length, undefined, undefined,
      'report: campaigns mix scans with single payloads; per-request findings cover the rest'),
  ];
}

/**
 * The behaviour section of the evaluation.
 *
 * @example
 * const section = await evalBehaviour(); // { name: 'behaviour', rows: [...] }
 */
export async function evalBehaviour(): Promise<EvalSection> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-eval-behaviour-'));
  try {
    return { name: 'behaviour', rows: [...await scannerRows(dir), ...await demoRows(dir)] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
