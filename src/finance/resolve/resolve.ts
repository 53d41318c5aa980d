import type { Contribution } from '../model.js';
import { CANADIAN_POSTAL } from '../formats/values.js';
import { compareNames, givenNameAlias, type LinkReason } from './link.js';
import { foldWords, nameUnits, unitKey, type NameUnits } from './normalise-name.js';

/** One resolved person: every itemised row given under any of their spellings. */
export interface Entity {
  id: string;
  /** The spelling seen most often. */
  name: string;
  postal: string;
  city: string;
  spellings: string[];
}

/** A join between two spellings, with its score and reasons (for the evidence). */
export interface Link {
  a: string;
  b: string;
  score: number;
  reasons: LinkReason[];
}

export interface Resolution {
  /** The entity of each input row, by index. */
  entityOfRow: Int32Array;
  entities: Entity[];
  links: Link[];
}

interface Spelling {
  key: string;
  display: string;
  postal: string;
  city: string;
  units: NameUnits;
  rows: number;
}

/** Blocks larger than this compare only names sharing a unit (office towers: hundreds of names). */
const FULL_COMPARE_MAX = 60;

/**
 * Resolve contributors into people. Spellings are blocked by postal code (full six
 * characters; a homonym at another postal code stays another person), or by city and surname
 * when the postal code is missing or not Canadian. Within a block, names are joined when
 * {@link compareNames} or {@link givenNameAlias} says so; joins are transitive (union-find).
 */
export function resolveContributors(rows: readonly Contribution[]): Resolution {
  const spellings: Spelling[] = [];
  const byKey = new Map<string, number>();
  const spellingOfRow = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const folded = `${foldWords(r.last).join(' ')}|${foldWords(r.first).join(' ')}|${foldWords(r.middle).join('')}`;
    const block = CANADIAN_POSTAL.test(r.postal) ? r.postal : `city:${foldWords(r.city).join(' ')}:${r.postal}`;
    const key = `${block}#${folded}`;
    let k = byKey.get(key);
    if (k === undefined) {
      k = spellings.length;
      byKey.set(key, k);
      spellings.push({ key, display: r.contributorName, postal: r.postal, city: r.city, units: nameUnits(r.last, r.first, r.middle), rows: 0 });
    }
    spellings[k]!.rows++;
    spellingOfRow[i] = k;
  }
  const parent = Int32Array.from(spellings, (_, i) => i);
  const find = (x: number): number => { while (parent[x] !== x) { parent[x] = parent[parent[x]!]!; x = parent[x]!; } return x; };
  const union = (a: number, b: number) => { const ra = find(a); const rb = find(b); if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb); };
  const links: Link[] = [];
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < spellings.length; i++) {
    const block = spellings[i]!.key.slice(0, spellings[i]!.key.indexOf('#'));
    let list = blocks.get(block);
    if (!list) blocks.set(block, (list = []));
    list.push(i);
  }
  for (const members of blocks.values()) {
    if (members.length < 2) continue;
    // Same units in any order and spelling: one person at once.
    const byUnits = new Map<string, number>();
    const reps: number[] = [];
    for (const m of members) {
      const uk = unitKey(spellings[m]!.units) + '|' + spellings[m]!.units.middle;
      const first = byUnits.get(uk);
      if (first === undefined) { byUnits.set(uk, m); reps.push(m); continue; }
      union(first, m);
      links.push({ a: spellings[first]!.display, b: spellings[m]!.display, score: 1, reasons: ['same_units'] });
    }
    // Close spellings join at once; initials, cut compound names and given-name aliases only
    // when unambiguous: `J. Smith` beside both `John` and `Jane Smith`, or a Chinese given name
    // beside several English ones (a household), joins nobody.
    const weak: Array<[number, number, Link]> = [];
    for (const [i, j] of candidatePairs(reps, spellings)) {
      const a = spellings[i]!.units;
      const b = spellings[j]!.units;
      const verdict = compareNames(a, b) ?? givenNameAlias(a, b, a.givenChinese, b.givenChinese);
      if (!verdict) continue;
      const link = { a: spellings[i]!.display, b: spellings[j]!.display, ...verdict };
      if (verdict.reasons.every((r) => r === 'spelling' || r === 'same_units')) { union(i, j); links.push(link); } else weak.push([i, j, link]);
    }
    const partners = new Map<number, Set<number>>();
    for (const [i, j] of weak) {
      for (const [x, y] of [[i, j], [j, i]] as const) {
        let set = partners.get(x);
        if (!set) partners.set(x, (set = new Set()));
        set.add(find(y));
      }
    }
    for (const [i, j, link] of weak) {
      if (partners.get(i)!.size !== 1 || partners.get(j)!.size !== 1) continue;
      union(i, j);
      links.push(link);
    }
  }
  // Entities: one per root, named by its most frequent spelling, id from its smallest key.
  const rootIndex = new Map<number, number>();
  const entities: Entity[] = [];
  const best = new Map<number, Spelling>();
  const minKey = new Map<number, string>();
  const spellingsOf = new Map<number, string[]>();
  for (let i = 0; i < spellings.length; i++) {
    const root = find(i);
    const s = spellings[i]!;
    if (!best.has(root) || best.get(root)!.rows < s.rows) best.set(root, s);
    if (!minKey.has(root) || minKey.get(root)! > s.key) minKey.set(root, s.key);
    let list = spellingsOf.get(root);
    if (!list) spellingsOf.set(root, (list = []));
    list.push(s.display);
  }
  for (const [root, s] of best) {
    rootIndex.set(root, entities.length);
    entities.push({ id: `P${fnv(minKey.get(root)!)}${fnv(minKey.get(root)!, 0x01000193)}`, name: s.display, postal: s.postal, city: s.city, spellings: [...new Set(spellingsOf.get(root))] });
  }
  const entityOfRow = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) entityOfRow[i] = rootIndex.get(find(spellingOfRow[i]!))!;
  return { entityOfRow, entities, links };
}

/** Pairs worth comparing in a block: all of them when small, else those sharing a unit. */
function* candidatePairs(reps: readonly number[], spellings: readonly Spelling[]): Generator<[number, number]> {
  if (reps.length <= FULL_COMPARE_MAX) {
    for (let x = 0; x < reps.length; x++) for (let y = x + 1; y < reps.length; y++) yield [reps[x]!, reps[y]!];
    return;
  }
  const byUnit = new Map<string, number[]>();
  for (const r of reps) for (const w of new Set(spellings[r]!.units.words)) {
    let list = byUnit.get(w);
    if (!list) byUnit.set(w, (list = []));
    list.push(r);
  }
  const seen = new Set<string>();
  for (const list of byUnit.values()) {
    if (list.length > 400) continue;
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) {
      const k = `${list[x]},${list[y]}`;
      if (seen.has(k)) continue;
      seen.add(k);
      yield [list[x]!, list[y]!];
    }
  }
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable id. */
export function fnv(s: string, seed = 0x811c9dc5): string {
  let h = seed;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return (h >>> 0).toString(16).padStart(8, '0');
}
