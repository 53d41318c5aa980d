/**
 * `npm run eval -- --only finance`: the finance detectors and contributor resolution on
 * benchmark years generated from the real distributions (corpora/finance/derived), with
 * planted schemes and legal look-alikes. Development seeds (1–3) are the ones thresholds were
 * looked at on; held-out seeds (11–13) were run once, after the last change. Both are reported.
 */
import { loadCalibration } from '../../src/finance/synth/calibration.js';
import { generateBenchmark } from '../../src/finance/synth/generate.js';
import { scoreBenchmark, type BenchmarkScore } from '../../src/finance/synth/score.js';
import { corpus } from '../../src/testing/corpora.js';
import type { EvalRow, EvalSection } from './types.js';

export const DEV_SEEDS = [1, 2, 3];
export const HELD_OUT_SEEDS = [11, 12, 13];

function sumScores(scores: BenchmarkScore[]) {
  const add = (f: (s: BenchmarkScore) => [number, number]): [number, number] => scores.reduce<[number, number]>((acc, s) => { const [h, t] = f(s); return [acc[0] + h, acc[1] + t]; }, [0, 0]);
  const kinds = new Set(scores.flatMap((s) => Object.keys(s.negatives)));
  const schemeKinds = new Set(scores.flatMap((s) => Object.keys(s.schemes)));
  return {
    precisionAtK: add((s) => [s.precisionAtK.hits, s.precisionAtK.k]),
    schemes: add((s) => [Object.values(s.schemes).reduce((n, x) => n + x.found, 0), Object.values(s.schemes).reduce((n, x) => n + x.planted, 0)]),
    perScheme: [...schemeKinds].map((k) => [k, add((s) => [s.schemes[k]?.found ?? 0, s.schemes[k]?.planted ?? 0])] as const),
    network: add((s) => [s.networkAsOne ? 1 : 0, 1]),
    rowPrecision: add((s) => [s.rows.truePositive, s.rows.flagged]),
    rowRecall: add((s) => [s.rows.truePositive, s.rows.planted]),
    negatives: [...kinds].map((k) => [k, add((s) => [s.negatives[k]?.flagged ?? 0, s.negatives[k]?.groups ?? 0])] as const),
    negativesAll: add((s) => [Object.values(s.negatives).reduce((n, x) => n + x.flagged, 0), Object.values(s.negatives).reduce((n, x) => n + x.groups, 0)]),
    fairZh: add((s) => [s.fairness.chinese.flagged, s.fairness.chinese.groups]),
    fairOther: add((s) => [s.fairness.other.flagged, s.fairness.other.groups]),
    variants: add((s) => [s.resolution.variantJoined, s.resolution.variantPairs]),
    homonyms: add((s) => [s.resolution.homonymApart, s.resolution.homonymPairs]),
    f1: Math.min(...scores.map((s) => s.resolution.f1)),
    seconds: Math.max(...scores.map((s) => s.resolution.seconds)),
  };
}

function row(dataset: string, metric: string, [hits, total]: readonly [number, number], goal: string, met: (v: number) => boolean, detail?: string): EvalRow {
  const value = total === 0 ? 0 : (100 * hits) / total;
  return { dataset, metric, total, hits, value_pct: Math.round(value * 100) / 100, goal, met: met(value), ...(detail ? { detail } : {}) };
}

export async function evalFinance(): Promise<EvalSection> {
  const cal = loadCalibration(corpus('finance/derived'));
  const rows: EvalRow[] = [];
  for (const [label, seeds] of [['dev', DEV_SEEDS], ['held-out', HELD_OUT_SEEDS]] as const) {
    const scores = seeds.map((seed) => { const s = scoreBenchmark(generateBenchmark(cal, { seed })); return s; });
    const t = sumScores(scores);
    const ds = `finance-synth ${label} (seeds ${seeds.join(',')})`;
    rows.push(row(ds, 'recipient precision@k (k = covert recipients)', t.precisionAtK, '>= 90%', (v) => v >= 90));
    rows.push(row(ds, 'scheme recall (all kinds)', t.schemes, '>= 90%', (v) => v >= 90));
    for (const [k, v] of t.perScheme) rows.push(row(ds, `scheme recall: ${k}`, v, '>= 90%', (x) => x >= 90));
    rows.push(row(ds, 'network linked as one finding', t.network, '100%', (v) => v === 100));
    rows.push(row(ds, 'row precision (covert alerts)', t.rowPrecision, '-', () => true));
    rows.push(row(ds, 'row recall (covert alerts)', t.rowRecall, '-', () => true));
    rows.push(row(ds, 'hard-negative groups flagged (all kinds)', t.negativesAll, '<= 5%', (v) => v <= 5));
    for (const [k, v] of t.negatives) rows.push(row(ds, `hard negatives flagged: ${k}`, v, '<= 5%', (x) => x <= 5));
    rows.push(row(ds, 'fairness: legal groups flagged, Chinese-origin names', t.fairZh, '<= other names', (v) => v <= (t.fairOther[1] ? (100 * t.fairOther[0]) / t.fairOther[1] : 0)));
    rows.push(row(ds, 'fairness: legal groups flagged, other names', t.fairOther, '-', () => true));
    rows.push(row(ds, 'entity resolution: variant pairs joined', t.variants, '>= 90%', (v) => v >= 90));
    rows.push(row(ds, 'entity resolution: homonym pairs kept apart', t.homonyms, '>= 95%', (v) => v >= 95));
    rows.push(row(ds, 'entity resolution: pairwise F1 (worst seed)', [Math.round(t.f1 * 10000), 10000], '>= 99%', (v) => v >= 99, `resolution ${t.seconds.toFixed(1)} s at most per seed (~54k rows)`));
  }
  return { name: 'finance (synthetic benchmark years, planted schemes, hard negatives)', rows };
}
