/**
 * Operator section of `npm run eval` (issue 16, part 2): does each campaign's `operator`
 * estimate say where its operator is, on logs whose operators' homes are known?
 * - The planted operators (src/cli/demo/operators.ts): a Chinese operator behind Canadian
 *   cloud relays, a Moscow operator seen only through foreign VPS, Quebec and Winnipeg operators,
 *   Tor with too little evidence, a proxy crowd. Development seed 2025 in spring (the log of
 *   2025-04-28, Eastern daylight time) against held-out seed 7 in winter (2025-01-13, standard
 *   time): other addresses, other volumes, other offsets for the zones that keep daylight saving.
 * - The low-and-slow generator's credential-stuffing botnet (src/cli/demo/low-slow.ts), whose
 *   operator works evenings at UTC+3: abroad. (Its scan and flood have no home in the generator.)
 * Each log goes through `analyzeLogs` with the shipped geolocation data, home CA, as
 * `vigie web analyze` runs it; an actor's campaign is the one holding most of its addresses.
 * No threshold of the estimate was set on these figures (estimate-operator.ts names its own).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLowSlowRecords } from '../../src/cli/demo/low-slow.js';
import { generateOperatorRecords, OPERATOR_ACTORS, OPERATOR_TRUTH } from '../../src/cli/demo/operators.js';
import { originsSource } from '../../src/geo/analysis-geo.js';
import { openStore } from '../../src/store/index.js';
import { analyzeLogs, type Campaign } from '../../src/web/index.js';
import { detectionRow, falsePositiveRow } from './rows.js';
import type { EvalRow, EvalSection } from './types.js';

const SEEDS: ReadonlyArray<{ seed: number; label: string; start: string }> = [
  { seed: 2025, label: 'development, spring', start: '2025-04-28T00:00:00Z' },
  { seed: 7, label: 'held out, winter', start: '2025-01-13T00:00:00Z' },
];
const LOWSLOW_SEEDS: ReadonlyArray<[number, string]> = [[2025, 'development'], [7, 'held out']];

interface Scored { actor: string; expected: string; home: string | null; got: string; countries: string[]; confidence: number }

/** Writes the lines, analyses them, and returns the campaigns with their member addresses. */
async function analyse(dir: string, name: string, records: Iterable<{ line: string; actor: string | null }>): Promise<{ campaigns: Campaign[]; members: Map<string, string[]>; truth: Map<string, string> }> {
  const lines: string[] = [];
  const truth = new Map<string, string>();
  for (const r of records) {
    lines.push(r.line);
    if (r.actor !== null) truth.set(r.line.slice(0, r.line.indexOf(' ')), r.actor);
  }
  const log = join(dir, `${name}.log`);
  writeFileSync(log, lines.join('\n') + '\n');
  const db = join(dir, `${name}.duckdb`);
  const summary = await analyzeLogs({ files: [log], format: 'auto', db, follow: false, idleTimeoutSecs: 0, trustProxyHops: 0, workers: 1, reprocess: true, origins: () => originsSource('CA') });
  const store = await openStore(db);
  try {
    const members = new Map<string, string[]>();
    for (const r of await store.query('SELECT campaign_id, ip FROM campaign_clients')) members.set(String(r.campaign_id), [...(members.get(String(r.campaign_id)) ?? []), String(r.ip)]);
    return { campaigns: summary.campaigns, members, truth };
  } finally {
    await store.close();
  }
}

/** The campaign holding most of an actor's addresses, or undefined when none holds any. */
function campaignOf(actor: string, a: Awaited<ReturnType<typeof analyse>>): Campaign | undefined {
  let best: Campaign | undefined;
  let most = 0;
  for (const c of a.campaigns) {
    // A site-level campaign lists in campaign_clients only its addresses with findings of their
    // own; its sample addresses (the busiest 20) stand for the rest.
    const ips = new Set([...(a.members.get(c.id) ?? []), ...c.sample_ips]);
    const n = [...ips].filter((ip) => a.truth.get(ip) === actor).length;
    if (n > most) [best, most] = [c, n];
  }
  return best;
}

function score(actor: string, expected: string, home: string | null, c: Campaign | undefined): Scored {
  return { actor, expected, home, got: c?.operator.estimate ?? 'no campaign', countries: c?.operator.countries ?? [], confidence: c?.operator.confidence ?? 0 };
}

function rows(dataset: string, scored: readonly Scored[]): EvalRow[] {
  const right = scored.filter((s) => s.got === s.expected);
  const sided = scored.filter((s) => s.expected !== 'undetermined');
  const swapped = sided.filter((s) => (s.expected === 'likely_foreign' && s.got === 'likely_domestic') || (s.expected === 'likely_domestic' && s.got === 'likely_foreign'));
  const placed = scored.filter((s) => s.expected === 'likely_foreign' && s.got === 'likely_foreign' && s.home !== null);
  const overclaimed = scored.filter((s) => s.expected === 'undetermined' && s.got !== 'undetermined' && s.got !== 'no campaign');
  const detail = scored.map((s) => `${s.actor}: ${s.got}${s.countries.length > 0 ? ` (${s.countries.slice(0, 3).join(',')}${s.countries.length > 3 ? `,+${s.countries.length - 3}` : ''})` : ''} ${s.confidence.toFixed(2)}`).join('; ');
  return [
    detectionRow(dataset, 'operator estimate as expected', scored.length, right.length, undefined, undefined, detail),
    falsePositiveRow(dataset, 'operator on the wrong side (abroad ↔ home)', sided.length, swapped.length, 0, undefined, swapped.map((s) => s.actor).join(', ') || 'none'),
    falsePositiveRow(dataset, 'an answer where the evidence is not enough', scored.filter((s) => s.expected === 'undetermined').length, overclaimed.length, undefined, undefined,
      overclaimed.map((s) => `${s.actor}: ${s.got}`).join(', ') || 'none'),
    detectionRow(dataset, 'true home among the countries that fit (placed abroad)', placed.length, placed.filter((s) => s.countries.includes(s.home!)).length, undefined, undefined,
      placed.map((s) => `${s.actor} ${s.home}: ${s.countries.length} countries`).join('; ') || 'none placed'),
  ];
}

/**
 * The operator section of the evaluation.
 *
 * @example
 * const section = await evalOperator(); // { name: 'operator', rows: [...] }
 */
export async function evalOperator(): Promise<EvalSection> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-eval-operator-'));
  try {
    const out: EvalRow[] = [];
    for (const s of SEEDS) {
      const a = await analyse(dir, `operators-${s.seed}`, generateOperatorRecords({ seed: s.seed, start: new Date(s.start), days: 7, backgroundLines: 15_000 }));
      const scored = OPERATOR_ACTORS.map((actor) => score(actor, OPERATOR_TRUTH[actor].expected, OPERATOR_TRUTH[actor].home, campaignOf(actor, a)));
      out.push(...rows(`planted operators seed ${s.seed} (${s.label})`, scored));
    }
    for (const [seed, label] of LOWSLOW_SEEDS) {
      const a = await analyse(dir, `lowslow-${seed}`, generateLowSlowRecords({ seed, actors: ['stuffing'], visitsPerDay: 300 }));
      const c = campaignOf('stuffing', a);
      out.push(detectionRow(`low-and-slow seed ${seed} (${label})`, 'stuffing botnet (operator at UTC+3): operator estimate as expected', 1, c?.operator.estimate === 'likely_foreign' ? 1 : 0, undefined, undefined,
        c ? `${c.operator.estimate} ${c.operator.confidence.toFixed(2)}: ${c.operator.reasons[0]}; ${c.operator.reasons.slice(1).map((r) => r.slice(0, 90)).join(' | ')}` : 'no campaign'));
    }
    return { name: 'operator', rows: out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
