/**
 * The baseline section of `npm run eval`, on CSIC 2010's normal training traffic (36,000
 * requests to a shop application; the anomalous set is held out and not in the workspace).
 *
 * - Split deterministically by a hash of the line number: one half to learn from, one held back.
 * - False positives: held-back requests with any `anomaly` finding (goal <= 1%, CRS 3.3 PL2
 *   has 1.0% on this traffic); and with signatures and baseline together.
 * - Tampering: each held-back request with parameters gets one parameter changed, by a seeded
 *   generator, in one of four ways CSIC's anomalous set uses (type change, overlong value,
 *   illegal characters, a value outside the set the parameter takes); a tampered request is
 *   caught when a baseline finding names that parameter.
 */
import { createReadStream, realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Prng } from '../../src/cli/demo/prng.js';
import type { Finding, RequestDetector } from '../../src/core/index.js';
import { createBaselineDetector, learnBaseline, type BaselineModel, type LearnItem } from '../../src/web/baseline/index.js';
import { decodeValue } from '../../src/web/baseline/value-shape.js';
import { requestToEvent, type RequestObject } from '../../src/web/detect/scan-request.js';
import { createDetectors } from '../../src/web/detectors.js';
import { corpus } from '../../src/testing/corpora.js';
import type { EvalRow, EvalSection } from './types.js';

const CSIC = 'http/csic2010/normalTrafficTraining.jsonl';
const DATASET = 'csic2010';
const SEED = 2010;
/** Issue 16's goals for the baseline on traffic of a site it learned: <= 0.1% flagged, >= 99.5% of anomalies caught. */
const FP_GOAL_PCT = 0.1;
const CAUGHT_GOAL_PCT = 99.5;
/** The mutations, in the words of CSIC's description of its anomalous requests. */
export const TAMPERINGS = ['type change', 'overlong value', 'illegal characters', 'value outside its set'] as const;
type Tampering = (typeof TAMPERINGS)[number];

/** What one run of the baseline on CSIC 2010 found, request by request (for the section and for study). */
export interface CsicRun {
  model: BaselineModel;
  held: LearnItem[];
  /** Held-back normal requests with a baseline finding, and those findings. */
  baselineFlagged: Array<{ item: LearnItem; findings: Finding[] }>;
  flaggedBoth: number;
  flaggedSignatures: number;
  /** Each tampered request: its kind, the parameter changed, and whether a finding named it. */
  tampered: Array<{ item: LearnItem; kind: Tampering; param: string; caught: boolean }>;
}

/**
 * Learns on one half of CSIC 2010's normal traffic and checks the other half, as is and
 * tampered; `swapped` learns on the other half and checks the first (the figures' twin).
 */
export async function runCsic(swapped = false): Promise<CsicRun> {
  const halves = await readHalves();
  const { learn, held } = swapped ? { learn: halves.held, held: halves.learn } : halves;
  const signatures = await createDetectors({});
  const { model } = await learnBaseline(() => learn, { clientsKnown: false, detectors: signatures });
  const baseline = createBaselineDetector(model);
  const baselineFlagged = held.map((item) => ({ item, findings: findings([baseline], item) })).filter((x) => x.findings.length > 0);
  const flaggedBoth = held.filter((item) => findings([...signatures, baseline], item).length > 0).length;
  const flaggedSignatures = held.filter((item) => findings(signatures, item).length > 0).length;
  const known = profiles(learn);
  const rng = new Prng(SEED);
  const tampered: CsicRun['tampered'] = [];
  for (const item of held) {
    const t = tamper(item, rng, known);
    if (t === null) continue;
    const caught = findings([baseline], t.item).some((f) => f.location.endsWith(`:${t.param}`));
    tampered.push({ item: t.item, kind: t.kind, param: t.param, caught });
  }
  return { model, held, baselineFlagged, flaggedBoth, flaggedSignatures, tampered };
}

/** The baseline's figures on CSIC 2010 (see the file comment). */
export async function evalCsic(): Promise<EvalSection> {
  const run = await runCsic();
  const { model, held } = run;
  const rows: EvalRow[] = [
    row('false positives: baseline (learn on half, test on the other)', held.length, run.baselineFlagged.length, `<= ${FP_GOAL_PCT}%`, (p) => p <= FP_GOAL_PCT, 'CRS 3.3 PL2: 1.0%',
      `${model.endpoints.length} endpoints learned from ${model.training.requests_used} requests`),
    row('false positives: signatures + baseline', held.length, run.flaggedBoth, `<= ${FP_GOAL_PCT}%`, (p) => p <= FP_GOAL_PCT, 'CRS 3.3 PL2: 1.0%', `signatures alone: ${run.flaggedSignatures}`),
  ];
  let total = 0;
  let hits = 0;
  for (const kind of TAMPERINGS) {
    const of = run.tampered.filter((t) => t.kind === kind);
    const caught = of.filter((t) => t.caught).length;
    rows.push(row(`tampered parameters caught: ${kind}`, of.length, caught, `>= ${CAUGHT_GOAL_PCT}%`, (p) => p >= CAUGHT_GOAL_PCT));
    total += of.length;
    hits += caught;
  }
  rows.push(row('tampered parameters caught: all', total, hits, `>= ${CAUGHT_GOAL_PCT}%`, (p) => p >= CAUGHT_GOAL_PCT, undefined, `seeded mutations of the held-back half (seed ${SEED})`));
  // The twin: the same figures with the halves swapped, so no figure rests on one split.
  const twin = await runCsic(true);
  const twinCaught = twin.tampered.filter((t) => t.caught).length;
  rows.push(row('false positives: baseline, halves swapped', twin.held.length, twin.baselineFlagged.length, `<= ${FP_GOAL_PCT}%`, (p) => p <= FP_GOAL_PCT, undefined,
    `learned on the half tested above: ${twin.model.endpoints.length} endpoints from ${twin.model.training.requests_used} requests`));
  rows.push(row('tampered parameters caught: all, halves swapped', twin.tampered.length, twinCaught, `>= ${CAUGHT_GOAL_PCT}%`, (p) => p >= CAUGHT_GOAL_PCT));
  return { name: 'baseline', rows };
}

function row(metric: string, total: number, hits: number, goal: string, met: (pct: number) => boolean, peer?: string, detail?: string): EvalRow {
  const value = total === 0 ? 0 : Math.round((hits / total) * 10_000) / 100;
  return { dataset: DATASET, metric, total, hits, value_pct: value, goal, met: total > 0 && met(value), ...(peer ? { peer } : {}), ...(detail ? { detail } : {}) };
}

async function readHalves(): Promise<{ learn: LearnItem[]; held: LearnItem[] }> {
  const learn: LearnItem[] = [];
  const held: LearnItem[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(corpus(CSIC)), crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    const item = { event: requestToEvent(JSON.parse(text) as RequestObject), source: { file: CSIC, line } };
    (halfOf(line) === 0 ? learn : held).push(item);
  }
  return { learn, held };
}

/**
 * Which half a line belongs to: a hash of its number, since CSIC's lines come in patterns
 * (a request alternates with its POST twin) that an even/odd split would put on one side.
 */
function halfOf(line: number): number {
  let h = Math.imul(line ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 1;
}

function findings(detectors: readonly RequestDetector[], item: LearnItem): Finding[] {
  const out: Finding[] = [];
  for (const d of detectors) d.inspect(item.event, item.source, out);
  return out;
}

/** What the learning half shows of one parameter (by path and name), to tamper with it fairly. */
interface Profile {
  /** Distinct raw values, up to 21 (an enumeration has at most 20). */
  values: Set<string>;
  numeric: boolean;
  alpha: boolean;
  /** Characters seen in the decoded values. */
  chars: Set<string>;
}

function profiles(items: readonly LearnItem[]): Map<string, Profile> {
  const out = new Map<string, Profile>();
  for (const { event } of items) {
    for (const [name, raw] of pairs(event.query, event.body)) {
      const key = `${event.path} ${name}`;
      const p = out.get(key) ?? { values: new Set<string>(), numeric: true, alpha: true, chars: new Set<string>() };
      out.set(key, p);
      if (p.values.size <= 20) p.values.add(raw);
      const value = decodeValue(raw);
      p.numeric &&= /^\d+$/.test(value);
      p.alpha &&= /^\p{L}+$/u.test(value);
      for (const ch of value) p.chars.add(ch);
    }
  }
  return out;
}

function pairs(...parts: string[]): Array<[string, string]> {
  return parts.flatMap((p) => (p === '' ? [] : p.split('&').map((kv): [string, string] => {
    const eq = kv.indexOf('=');
    return eq < 0 ? [kv, ''] : [kv.slice(0, eq), kv.slice(eq + 1)];
  })));
}

const ILLEGAL = ["'", '"', '<', '>', ';', '|', '`', '(', ')', '{', '}', '$', '\\', '*'];

/**
 * One parameter of the request changed in one of the four ways, each only where it means
 * something for that parameter in the learning half: a type change where all its values were
 * numbers (to letters) or single words (to digits); an illegal character among those never
 * in its values; a value outside its set where it took at most 20 values. Null when the
 * request has no parameter.
 */
function tamper(item: LearnItem, rng: Prng, known: Map<string, Profile>): { item: LearnItem; kind: Tampering; param: string } | null {
  const params = pairs(item.event.query, item.event.body);
  if (params.length === 0) return null;
  const [name, raw] = params[rng.int(params.length)]!;
  const p = known.get(`${item.event.path} ${name}`);
  const illegal = ILLEGAL.filter((c) => !p?.chars.has(c));
  const kinds = TAMPERINGS.filter((k) =>
    k === 'overlong value' || (k === 'type change' && (p?.numeric || p?.alpha)) || (k === 'illegal characters' && illegal.length > 0) || (k === 'value outside its set' && p !== undefined && p.values.size <= 20));
  const kind = kinds[rng.int(kinds.length)]!;
  let value: string;
  if (kind === 'type change') value = p!.numeric ? letters(rng, 3 + rng.int(6)) : String(rng.int(100_000));
  else if (kind === 'overlong value') value = (raw || 'A').repeat(Math.ceil((400 + rng.int(600)) / Math.max(raw.length, 1)));
  else if (kind === 'illegal characters') {
    const at = rng.int(raw.length + 1);
    value = raw.slice(0, at) + encodeURIComponent(illegal[rng.int(illegal.length)]!) + raw.slice(at);
  } else {
    do value = p!.numeric ? String(rng.int(10_000)) : letters(rng, 4 + rng.int(8)); while (p!.values.has(value));
  }
  const swap = (part: string): string => part.split('&').map((kv) => (kv.split('=')[0] === name ? `${name}=${value}` : kv)).join('&');
  const event = { ...item.event, query: swap(item.event.query), body: swap(item.event.body) };
  return { item: { event, source: item.source }, kind, param: name };
}

function letters(rng: Prng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(0x61 + rng.int(26));
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// `node dist/bench/eval/csic.js` prints the section on its own.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  const section = await evalCsic();
  for (const r of section.rows) console.log(`${r.met ? 'ok ' : 'NO '} ${r.metric}: ${r.hits}/${r.total} = ${r.value_pct}% (goal ${r.goal}${r.peer ? `; ${r.peer}` : ''})${r.detail ? ` — ${r.detail}` : ''}`);
}
