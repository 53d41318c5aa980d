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
 *
 * The peer column is CrowdSec (see crowdsec.ts) replaying the same files in the same run: the
 * addresses it raised an alert on, against the same sessions, control and visitors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeLogs } from '../../src/web/index.js';
import { generateTrafficRecords } from '../../src/cli/demo/traffic.js';
import { writeTrafficFile } from '../../src/cli/demo/write-traffic.js';
import { openStore } from '../../src/store/index.js';
import { corpus } from '../../src/testing/corpora.js';
import { crowdSecMissing, replayCrowdSec, type CrowdSecReplay } from './crowdsec.js';
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
/** The demo day both vigie and CrowdSec read (CrowdSec is too slow for the 300k-line one). */
const PEER_DEMO_LINES = 30_000;

/** Client findings (rule names by address) of one log analysed alone, through `analyzeLogs`. */
export async function clientFindingsOf(file: string, db: string): Promise<Map<string, string[]>> {
  const summary = await analyzeLogs({
    files: [file], format: 'auto', db, follow: false, idleTimeoutSecs: 0, trustProxyHops: 0,
    workers: 1, reprocess: true, origins: null,
  });
  const store = await openStore(db);
  try {
    const rows = await store.query(
      `SELECT ip, list(DISTINCT rule ORDER BY rule) AS rules FROM findings WHERE run_id = $r AND scope = 'client' GROUP BY ip`,
      { r: summary.run_id });
    return new Map(rows.map((r) => [String(r.ip), r.rules as string[]]));
  } finally {
    await store.close();
  }
}

/** The peer's word on one address of one file: its scenarios, or that it raised none. */
function peerSays(peer: Peer, file: string, ip: string, none: string): string | undefined {
  if (peer.replay === undefined) return undefined;
  const scenarios = peer.replay.byFile.get(file)?.get(ip) ?? [];
  return `CrowdSec ${peer.replay.version}: ${scenarios.map((s) => s.replace(/^crowdsecurity\//, '')).join(', ') || none}`;
}

/** CrowdSec's alerts on the same files, or why there are none. */
interface Peer {
  replay?: CrowdSecReplay;
  missing?: string;
}

async function scannerRows(dir: string, peer: Peer): Promise<EvalRow[]> {
  const byFile = new Map<string, Map<string, string[]>>();
  for (const file of new Set(SCANNER_SESSIONS.map((s) => s.file))) {
    byFile.set(file, await clientFindingsOf(corpus(`http/scanner-access-logs/${file}`), join(dir, 'scanners.duckdb')));
  }
  const rows = SCANNER_SESSIONS.map((s) => {
    const rules = byFile.get(s.file)?.get(s.ip) ?? [];
    return detectionRow('scanner-access-logs', `session found: ${s.tool} ${s.ip}`, 1, rules.length > 0 ? 1 : 0, 100,
      peerSays(peer, corpus(`http/scanner-access-logs/${s.file}`), s.ip, 'no alert'), rules.join(', ') || 'no client finding');
  });
  const found = rows.filter((r) => r.hits === 1).length;
  const peerFound = SCANNER_SESSIONS.filter((s) => peer.replay?.byFile.get(corpus(`http/scanner-access-logs/${s.file}`))?.has(s.ip)).length;
  rows.unshift(detectionRow('scanner-access-logs', 'scanner sessions with a client finding', SCANNER_SESSIONS.length, found, 100,
    peer.replay ? `CrowdSec ${peer.replay.version}: ${peerFound}/${SCANNER_SESSIONS.length}` : `CrowdSec: n/a, ${peer.missing}`));
  const control = byFile.get(HUMAN_CONTROL.file)?.get(HUMAN_CONTROL.ip) ?? [];
  rows.push(falsePositiveRow('scanner-access-logs', 'person browsing (control) with a client finding', 1, control.length > 0 ? 1 : 0, 0,
    peerSays(peer, corpus(`http/scanner-access-logs/${HUMAN_CONTROL.file}`), HUMAN_CONTROL.ip, 'none'), control.join(', ') || 'none'));
  return rows;
}

/**
 * Normal visitors and campaign addresses of a demo log with a client finding (and, with a
 * peer, with a CrowdSec alert). `label` names the data set in the table.
 */
async function demoRows(dir: string, lines: number, log: string, label: string, peer: Peer | undefined): Promise<EvalRow[]> {
  const normal = new Set<string>();
  const attacker = new Set<string>();
  for (const r of generateTrafficRecords({ lines, seed: 2025 })) (r.campaign === null ? normal : attacker).add(r.line.slice(0, r.line.indexOf(' ')));
  for (const ip of attacker) normal.delete(ip);
  const db = join(dir, `demo-${lines}.duckdb`);
  const found = await clientFindingsOf(log, db);
  const falsePositives = [...normal].filter((ip) => found.has(ip));
  const caught = [...attacker].filter((ip) => found.has(ip));
  const rules = new Map<string, number>();
  for (const ip of falsePositives) for (const rule of found.get(ip)!) rules.set(rule, (rules.get(rule) ?? 0) + 1);
  const alerts = peer?.replay?.byFile.get(log);
  const peerName = `CrowdSec ${peer?.replay?.version ?? ''}`;
  const peerFp = alerts ? [...normal].filter((ip) => alerts.has(ip)) : [];
  const peerCaught = alerts ? [...attacker].filter((ip) => alerts.has(ip)).length : 0;
  const scenarios = new Map<string, number>();
  for (const ip of peerFp) for (const s of alerts!.get(ip)!) scenarios.set(s, (scenarios.get(s) ?? 0) + 1);
  const fpDetail = [...rules].map(([r, n]) => `${r} ×${n}`).join(', ') || `${lines.toLocaleString('en')} lines, seed 2025`;
  return [
    falsePositiveRow(label, 'normal visitors with a client finding', normal.size, falsePositives.length, 0.1,
      alerts ? `${peerName}: ${peerFp.length}/${normal.size} (${(100 * peerFp.length / Math.max(normal.size, 1)).toFixed(2)}%)` : undefined,
      alerts && peerFp.length > 0 ? `${fpDetail}; CrowdSec: ${[...scenarios].map(([r, n]) => `${r.replace(/^crowdsecurity\//, '')} ×${n}`).join(', ')}` : fpDetail),
    detectionRow(label, 'campaign addresses with a client finding', attacker.size, caught.length, undefined,
      alerts ? `${peerName}: ${peerCaught}/${attacker.size}` : undefined,
      'report: campaigns mix scans with single payloads; per-request findings cover the rest'),
    ...(alerts ? [await anyFindingRow(db, label, attacker, `${peerName}: ${peerCaught}/${attacker.size}`)] : []),
  ];
}

/**
 * Campaign addresses vigie reports at all (a request or a client finding): what an analyst
 * gets from vigie where a CrowdSec alert names an address.
 */
async function anyFindingRow(db: string, label: string, attacker: ReadonlySet<string>, peer: string): Promise<EvalRow> {
  const store = await openStore(db);
  try {
    const rows = await store.query('SELECT DISTINCT ip FROM findings');
    const flagged = new Set(rows.map((r) => String(r.ip)));
    const hits = [...attacker].filter((ip) => flagged.has(ip)).length;
    return detectionRow(label, 'campaign addresses with any finding', attacker.size, hits, undefined, peer, 'request or client findings; CrowdSec alerts are per address');
  } finally {
    await store.close();
  }
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
    const log = join(dir, 'demo.log');
    writeTrafficFile(log, { lines: DEMO_LINES, seed: 2025 });
    // The peer on the same files, in the same run: CrowdSec's HTTP scenarios. CrowdSec 1.4.6
    // replays about 300 lines/s here (its 300k-line replay ran past 15 minutes), so it gets a
    // shorter day of the same demo traffic, which vigie analyses too.
    const peerLog = join(dir, 'demo-peer.log');
    writeTrafficFile(peerLog, { lines: PEER_DEMO_LINES, seed: 2025 });
    const peer: Peer = { missing: crowdSecMissing() };
    if (peer.missing === undefined) {
      const started = Date.now();
      const files = [...new Set(SCANNER_SESSIONS.map((s) => corpus(`http/scanner-access-logs/${s.file}`))), peerLog];
      peer.replay = await replayCrowdSec(files);
      process.stderr.write(`eval: CrowdSec ${peer.replay.version} replayed ${files.length} logs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
    return {
      name: 'behaviour',
      rows: [
        ...await scannerRows(dir, peer),
        ...await demoRows(dir, DEMO_LINES, log, 'demo traffic', undefined),
        ...await demoRows(dir, PEER_DEMO_LINES, peerLog, `demo traffic, ${PEER_DEMO_LINES / 1000}k lines`, peer),
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
