import { resolveContributors } from '../resolve/resolve.js';
import { scanContributions, type ScanResult } from '../scan.js';
import type { Benchmark } from './generate.js';

/** The covert-funding shapes: what the ranking and the hard-negative check are about. */
const COVERT = new Set(['straw_ring', 'network', 'burst']);

export interface BenchmarkScore {
  /** Precision at k = number of recipients targeted by covert schemes. */
  precisionAtK: { k: number; hits: number };
  /** Planted schemes found (an alert of the scheme's type holding at least half its rows), per kind. */
  schemes: Record<string, { planted: number; found: number }>;
  /** The network's recipients all linked by one alert. */
  networkAsOne: boolean;
  /** Rows of covert alerts vs rows of covert schemes. */
  rows: { flagged: number; truePositive: number; planted: number };
  /** Hard-negative groups with a row in a covert alert, per kind. */
  negatives: Record<string, { groups: number; flagged: number }>;
  /** Flag rate of legal groups by name origin (fairness). */
  fairness: { chinese: { groups: number; flagged: number }; other: { groups: number; flagged: number } };
  resolution: { variantPairs: number; variantJoined: number; homonymPairs: number; homonymApart: number; precision: number; recall: number; f1: number; seconds: number };
}

/** Scan a benchmark and score it against its truth. */
export function scoreBenchmark(b: Benchmark): BenchmarkScore & { result: ScanResult } {
  const t0 = Date.now();
  const resolution = resolveContributors(b.rows);
  const seconds = (Date.now() - t0) / 1000;
  const result = scanContributions(b.rows, { resolution });
  const rowIndex = new Map(b.rows.map((r, i) => [`${r.file}#${r.row}`, i]));
  const alertRows = result.alerts.map((a) => new Set(a.rows.map((x) => rowIndex.get(`${x.file}#${x.row}`)!)));
  // Ranking: covert recipients.
  const covertRecipients = new Set(b.schemes.filter((s) => COVERT.has(s.kind)).flatMap((s) => s.recipients));
  const k = covertRecipients.size;
  const hits = result.recipients.slice(0, k).filter((r) => covertRecipients.has(r.recipient_id)).length;
  // Schemes.
  const schemes: BenchmarkScore['schemes'] = {};
  let networkAsOne = false;
  for (const s of b.schemes) {
    const e = (schemes[s.kind] ??= { planted: 0, found: 0 });
    e.planted++;
    const found = result.alerts.some((a, i) => (a.type === s.kind || (COVERT.has(s.kind) && COVERT.has(a.type))) && s.rows.filter((x) => alertRows[i]!.has(x)).length >= s.rows.length / 2);
    if (found) e.found++;
    if (s.kind === 'network') networkAsOne = result.alerts.some((a) => a.type === 'network' && s.recipients.every((rid) => a.recipient_ids.includes(rid)));
  }
  // Rows.
  const covertRows = new Set<number>();
  result.alerts.forEach((a, i) => { if (COVERT.has(a.type)) for (const x of alertRows[i]!) covertRows.add(x); });
  const planted = new Set(b.schemes.filter((s) => COVERT.has(s.kind)).flatMap((s) => s.rows));
  const truePositive = [...covertRows].filter((x) => planted.has(x)).length;
  // Hard negatives and fairness.
  const negatives: BenchmarkScore['negatives'] = {};
  const fairness = { chinese: { groups: 0, flagged: 0 }, other: { groups: 0, flagged: 0 } };
  for (const g of b.negatives) {
    const flagged = g.rows.some((x) => covertRows.has(x));
    const e = (negatives[g.kind] ??= { groups: 0, flagged: 0 });
    e.groups++; if (flagged) e.flagged++;
    const f = g.chinese ? fairness.chinese : fairness.other;
    f.groups++; if (flagged) f.flagged++;
  }
  return { result, precisionAtK: { k, hits }, schemes, networkAsOne, rows: { flagged: covertRows.size, truePositive, planted: planted.size }, negatives, fairness, resolution: { ...resolutionScore(b, resolution.entityOfRow), seconds } };
}

const pairs = (n: number) => (n * (n - 1)) / 2;

function resolutionScore(b: Benchmark, entity: Int32Array): Omit<BenchmarkScore['resolution'], 'seconds'> {
  // Pairwise precision and recall from the contingency of true people × resolved entities.
  const cell = new Map<string, number>();
  const truth = new Map<number, number>();
  const pred = new Map<number, number>();
  for (let i = 0; i < b.rows.length; i++) {
    const key = `${b.personOfRow[i]}|${entity[i]}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
    truth.set(b.personOfRow[i]!, (truth.get(b.personOfRow[i]!) ?? 0) + 1);
    pred.set(entity[i]!, (pred.get(entity[i]!) ?? 0) + 1);
  }
  let tp = 0; let tPairs = 0; let pPairs = 0;
  for (const n of cell.values()) tp += pairs(n);
  for (const n of truth.values()) tPairs += pairs(n);
  for (const n of pred.values()) pPairs += pairs(n);
  const precision = pPairs === 0 ? 1 : tp / pPairs;
  const recall = tPairs === 0 ? 1 : tp / tPairs;
  // Variant pairs: rows of one person under different spellings; homonym pairs: rows of two people with one name.
  const rowsOf = new Map<number, number[]>();
  b.personOfRow.forEach((p, i) => rowsOf.set(p, [...(rowsOf.get(p) ?? []), i]));
  let variantPairs = 0; let variantJoined = 0;
  const spelling = (i: number) => `${b.rows[i]!.last}|${b.rows[i]!.first}|${b.rows[i]!.middle}`;
  for (const idx of rowsOf.values()) for (let x = 0; x < idx.length; x++) for (let y = x + 1; y < idx.length; y++) {
    if (spelling(idx[x]!) === spelling(idx[y]!)) continue;
    variantPairs++;
    if (entity[idx[x]!] === entity[idx[y]!]) variantJoined++;
  }
  let homonymPairs = 0; let homonymApart = 0;
  for (const [a, c] of b.homonyms) for (const x of rowsOf.get(a) ?? []) for (const y of rowsOf.get(c) ?? []) {
    homonymPairs++;
    if (entity[x] !== entity[y]) homonymApart++;
  }
  return { variantPairs, variantJoined, homonymPairs, homonymApart, precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}
