import { corpus } from '../../src/testing/corpora.js';
import type { RequestObject } from '../../src/web/detect/index.js';
import { readJsonl } from './jsonl.js';
import { detectionRow, falsePositiveRow, topCounts } from './rows.js';
import type { ScanFn } from './scanner.js';
import type { EvalRow, EvalSection } from './types.js';

const DATASET = 'crs-regression';
const MATCH_GOAL_PCT = 85;

interface CrsStage extends RequestObject {
  case_id: string;
  rule_file: string;
  phase: string;
  expect: 'match' | 'no_match' | null;
}

/** CRS rule families by the number in their file name, as the issue reports them. */
const FAMILIES: ReadonlyArray<[string, readonly string[]]> = [
  ['913 scanner', ['913']],
  ['920/921 protocol', ['920', '921']],
  ['930 LFI', ['930']],
  ['931 RFI', ['931']],
  ['932 RCE', ['932']],
  ['933 PHP', ['933']],
  ['934 generic', ['934']],
  ['941 XSS', ['941']],
  ['942 SQLi', ['942']],
  ['943 session fixation', ['943']],
  ['944 Java', ['944']],
  ['other (911, 922, 949)', ['911', '922', '949']],
];

function family(ruleFile: string): string {
  const n = /-(\d{3})-/.exec(ruleFile)?.[1] ?? '';
  return FAMILIES.find(([, nums]) => nums.includes(n))?.[0] ?? 'other (911, 922, 949)';
}

/**
 * crs-regression: every request-phase stage sent as its method, URI, headers and body.
 * `expect: match` stages are attacks a CRS rule must catch: detected when any vigie detector
 * reports a finding. `no_match` stages are what a CRS rule must let through; some are still
 * attacks (another CRS rule may catch them), so their rate is reported, not judged.
 * Response-phase stages (they test the server's reply) and stages that only check a status
 * are left out: a request detector cannot see them.
 */
export async function evalCrs(scan: ScanFn): Promise<EvalSection> {
  const match = new Map<string, { total: number; hits: number }>();
  const noMatch = { total: 0, hits: 0 };
  const fpRules = new Map<string, number>();
  let skipped = 0;
  for await (const stage of readJsonl<CrsStage>(corpus('http/crs-regression/crs_regression_public.jsonl'))) {
    if (stage.phase !== 'request' || stage.expect === null) {
      skipped++;
      continue;
    }
    const findings = scan(stage);
    if (stage.expect === 'no_match') {
      noMatch.total++;
      if (findings.length > 0) noMatch.hits++;
      for (const rule of new Set(findings.map((f) => f.rule))) fpRules.set(rule, (fpRules.get(rule) ?? 0) + 1);
      continue;
    }
    const fam = family(stage.rule_file);
    const c = match.get(fam) ?? { total: 0, hits: 0 };
    match.set(fam, c);
    c.total++;
    if (findings.length > 0) c.hits++;
  }
  const rows: EvalRow[] = [];
  for (const [name] of FAMILIES) {
    const c = match.get(name);
    if (c !== undefined) rows.push(detectionRow(DATASET, `detected: ${name}`, c.total, c.hits, undefined));
  }
  const total = rows.reduce((s, r) => s + r.total, 0);
  const hits = rows.reduce((s, r) => s + r.hits, 0);
  rows.push(detectionRow(DATASET, 'detected: all expect-match', total, hits, MATCH_GOAL_PCT, 'CRS 3.3 PL2: 67%',
    `${skipped} response-phase or status-only stages left out`));
  rows.push(falsePositiveRow(DATASET, 'flagged: expect no_match', noMatch.total, noMatch.hits, undefined, undefined,
    fpRules.size === 0 ? undefined : `rules: ${topCounts(fpRules, 5)}`));
  return { name: 'signatures: CRS regression', rows };
}
