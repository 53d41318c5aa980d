/**
 * The held-out split of the CRS regression cases: whole CRS rules (one test file,
 * `tests/regression/tests/<family>/<rule_id>.yaml`, per rule) are set aside, so a figure on
 * them says how vigie does on rules it was never tuned on, not on other cases of rules it was.
 *
 * A rule is held out when the FNV-1a 32-bit hash of its id in decimal (`"942100"`) is 0, 1 or
 * 2 modulo 10: about 30% of the rules, fixed for good (no seed, no date), independent of the
 * order of the file and of which cases a new corpus adds. On the public corpus it holds out
 * 81 of the 274 rules with request-phase stages, 1,110 of the 2,748 `expect: match` stages and 247 of the
 * 711 `no_match` stages. Development looks at the seen side only; the held-out side is read
 * once at the end of each round of changes (see README, `npm run eval`).
 */

/** Which side of the split a CRS rule is on. */
export type CrsSide = 'seen' | 'held-out';

const HELD_OUT_BUCKETS = 3;
const BUCKETS = 10;

/**
 * FNV-1a, 32 bits, over the UTF-8 bytes of `text` (ASCII digits here).
 *
 * @example
 * fnv1a32('') // 0x811c9dc5
 */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The side of the split the CRS rule `ruleId` (its test file's name without `.yaml`) is on.
 *
 * @example
 * crsSide(942100) // 'seen' or 'held-out', the same on every run
 */
export function crsSide(ruleId: number | string): CrsSide {
  return fnv1a32(String(ruleId)) % BUCKETS < HELD_OUT_BUCKETS ? 'held-out' : 'seen';
}
