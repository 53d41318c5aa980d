import { corpus } from '../../src/testing/corpora.js';
import type { RequestObject } from '../../src/web/detect/index.js';
import { readJsonl } from './jsonl.js';
import { detectionRow, falsePositiveRow, topCounts } from './rows.js';
import type { ScanFn } from './scanner.js';
import type { EvalSection } from './types.js';

/** CRS 3.3 on the same payload lists (all classes together), from the issue. */
const PAYLOAD_PEER = 'CRS 3.3 PL1 71.5% / PL2 85.6% overall';
const PAYLOAD_GOAL_PCT = 97;
const CSIC_GOAL_PCT = 1;

interface PayloadRow {
  class: string;
  uri: string;
}

/**
 * payload-lists: each payload sent as `GET /search?q=<payload>`; detected when any per-request
 * detector reports a finding. The detail says how many were found under the payload's own class.
 */
export async function evalPayloadLists(scan: ScanFn): Promise<EvalSection> {
  const perClass = new Map<string, { total: number; hits: number; sameClass: number }>();
  for await (const row of readJsonl<PayloadRow>(corpus('http/payload-lists/payloads.jsonl'))) {
    const c = perClass.get(row.class) ?? { total: 0, hits: 0, sameClass: 0 };
    perClass.set(row.class, c);
    c.total++;
    const findings = scan({ method: 'GET', uri: row.uri });
    if (findings.length > 0) c.hits++;
    if (findings.some((f) => f.class === row.class || (row.class === 'lfi' && f.class === 'path_traversal'))) c.sameClass++;
  }
  const rows = [...perClass].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([cls, c]) =>
    detectionRow('payload-lists', `detected: ${cls}`, c.total, c.hits, PAYLOAD_GOAL_PCT, undefined, `${c.sameClass} under their own class`));
  const total = rows.reduce((s, r) => s + r.total, 0);
  const hits = rows.reduce((s, r) => s + r.hits, 0);
  rows.push(detectionRow('payload-lists', 'detected: all classes', total, hits, PAYLOAD_GOAL_PCT, PAYLOAD_PEER));
  return { name: 'signatures: payload lists', rows };
}

interface CsicRow extends RequestObject {
  label: string;
}

/**
 * csic2010: normal training traffic, every request flagged by the signatures alone (no learned
 * baseline) is a false positive. The detail names the rules that fired most.
 */
export async function evalCsicSignatures(scan: ScanFn): Promise<EvalSection> {
  let total = 0;
  let hits = 0;
  const byRule = new Map<string, number>();
  for await (const row of readJsonl<CsicRow>(corpus('http/csic2010/normalTrafficTraining.jsonl'))) {
    if (row.label !== 'normal') continue;
    total++;
    const findings = scan(row);
    if (findings.length === 0) continue;
    hits++;
    for (const rule of new Set(findings.map((f) => f.rule))) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  }
  const detail = byRule.size === 0 ? undefined : `rules: ${topCounts(byRule, 5)}`;
  return {
    name: 'signatures: csic2010 normal traffic',
    rows: [falsePositiveRow('csic2010', 'false positives (signatures alone)', total, hits, CSIC_GOAL_PCT, 'CRS PL2: 1.0%', detail)],
  };
}
