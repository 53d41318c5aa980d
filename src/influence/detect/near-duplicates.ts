import { jaccardU32 } from './jaccard.js';

/** MinHash signature length: 24 bands of 4 rows. */
const BANDS = 24;
const ROWS = 4;
const HASHES = BANDS * ROWS;

// Fixed odd multipliers and offsets (a seeded generator), so signatures are reproducible.
const MUL = new Uint32Array(HASHES);
const ADD = new Uint32Array(HASHES);
{
  let s = 0x9e3779b9;
  const next = (): number => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return s >>> 0; };
  for (let i = 0; i < HASHES; i++) { MUL[i] = next() | 1; ADD[i] = next(); }
}

/** The MinHash signature of a shingle set. */
export function minhash(set: Uint32Array): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (let j = 0; j < set.length; j++) {
    const x = set[j]!;
    for (let i = 0; i < HASHES; i++) {
      let h = (Math.imul(x, MUL[i]!) + ADD[i]!) >>> 0;
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d) >>> 0;
      h ^= h >>> 12;
      if (h < sig[i]!) sig[i] = h >>> 0;
    }
  }
  return sig;
}

/**
 * Clusters of near-identical texts: MinHash with locality-sensitive hashing (24 bands of 4
 * rows) proposes candidate pairs, exact Jaccard ≥ `threshold` on the shingle sets confirms
 * them, and confirmed pairs are joined (union-find). With 24×4, a pair at Jaccard 0.6 is
 * proposed with probability 1−(1−0.6⁴)²⁴ ≈ 0.96, at 0.7 ≈ 0.998. Identical sets are joined
 * before hashing, so a text copied ten thousand times costs one signature.
 *
 * Returns, for each input set, its cluster id (the smallest index in its cluster).
 */
export function nearDuplicateClusters(sets: readonly Uint32Array[], threshold: number): Int32Array {
  const parent = Int32Array.from(sets.keys());
  const find = (x: number): number => {
    while (parent[x] !== x) { parent[x] = parent[parent[x]!]!; x = parent[x]!; }
    return x;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a), rb = find(b);
    if (ra !== rb) { if (ra < rb) parent[rb] = ra; else parent[ra] = rb; }
  };
  const exact = new Map<string, number>();
  const uniques: number[] = [];
  sets.forEach((s, i) => {
    if (s.length === 0) return;
    const key = Buffer.from(s.buffer, s.byteOffset, s.byteLength).toString('base64');
    const seen = exact.get(key);
    if (seen === undefined) { exact.set(key, i); uniques.push(i); } else union(seen, i);
  });
  // One table per band, keyed by a 32-bit mix of the band's four values: a collision only
  // proposes a pair, and every pair is checked, so mixing loses nothing.
  const bands = Array.from({ length: BANDS }, () => new Map<number, number[]>());
  for (const i of uniques) {
    const sig = minhash(sets[i]!);
    for (let b = 0; b < BANDS; b++) {
      let h = 0x811c9dc5;
      for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ sig[b * ROWS + r]!, 0x01000193);
      const key = h >>> 0;
      const list = bands[b]!.get(key);
      if (list) list.push(i); else bands[b]!.set(key, [i]);
    }
  }
  const tried = new Set<number>();
  const N = sets.length;
  for (const list of bands.flatMap((m) => [...m.values()])) {
    if (list.length < 2) continue;
    // A large bucket is compared with a sliding neighbourhood, not all pairs: near-identical
    // texts chain through their neighbours, and the cost stays linear in the bucket's size.
    const span = list.length > 32 ? 8 : list.length;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < Math.min(list.length, x + span); y++) {
        const a = list[x]!, b = list[y]!;
        if (find(a) === find(b)) continue;
        const key = a < b ? a * N + b : b * N + a;
        if (tried.has(key)) continue;
        tried.add(key);
        if (jaccardU32(sets[a]!, sets[b]!) >= threshold) union(a, b);
      }
    }
  }
  return Int32Array.from(sets.keys(), (i) => (sets[i]!.length === 0 ? -1 : find(i)));
}
