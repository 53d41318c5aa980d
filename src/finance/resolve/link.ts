import type { NameUnits } from './normalise-name.js';

/** Why two spellings were joined, as reason codes (`finance.link.*` in the catalogue). */
export type LinkReason = 'same_units' | 'initials' | 'compound_cut' | 'spelling' | 'given_name_alias';

export interface LinkVerdict {
  score: number;
  reasons: LinkReason[];
}

/** Jaro-Winkler similarity of two short words. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const am = new Array<boolean>(a.length).fill(false);
  const bm = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - range); j < Math.min(b.length, i + range + 1); j++) {
      if (!bm[j] && a[i] === b[j]) { am[i] = bm[j] = true; matches++; break; }
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  for (let i = 0, k = 0; i < a.length; i++) {
    if (!am[i]) continue;
    while (!bm[k]) k++;
    if (a[i] !== b[k]) t++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Whether two names seen at the same postal code are one person, with a score and the
 * reasons. Explicit middle initials that differ keep names apart (homonyms: a father and son).
 * Every whole unit of the shorter name must find its match (same unit, a close spelling, or an
 * initial of it) in the longer; a longer name may carry one extra whole unit (a compound
 * surname cut, a second given name) only when two whole units agree.
 */
export function compareNames(a: NameUnits, b: NameUnits): LinkVerdict | null {
  if (a.middle && b.middle && a.middle !== b.middle) return null;
  if (a.words.length === 0 || b.words.length === 0) return null;
  const ab = directed(a, b);
  const ba = directed(b, a);
  if (!ab) return ba;
  if (!ba) return ab;
  return ab.score >= ba.score ? ab : ba;
}

/** Whether every unit of `s` finds its match in `l`. */
function directed(s: NameUnits, l: NameUnits): LinkVerdict | null {
  const free = [...l.words];
  const reasons = new Set<LinkReason>();
  let exact = 0;
  let near = 0;
  for (const w of s.words) {
    let k = free.indexOf(w);
    if (k >= 0) { free.splice(k, 1); exact++; continue; }
    k = free.findIndex((f) => f.length >= 4 && w.length >= 4 && jaroWinkler(w, f) >= 0.93);
    if (k >= 0) { free.splice(k, 1); near++; reasons.add('spelling'); continue; }
    return null;
  }
  // The shorter name's initials stand for whole units left in the longer, or its initials.
  const longInitials = [...l.initials];
  for (const i of s.initials) {
    let k = longInitials.indexOf(i);
    if (k >= 0) { longInitials.splice(k, 1); continue; }
    k = free.findIndex((f) => f[0] === i);
    if (k >= 0) { free.splice(k, 1); reasons.add('initials'); continue; }
    return null;
  }
  // The longer name's initials: the shorter had nothing left for them, so they are extra.
  if (longInitials.length > 0 && s.initials.length > 0) return null;
  if (exact + near < 1) return null;
  if (free.length === 0 && longInitials.length === 0) {
    if (reasons.size === 0) reasons.add('same_units');
    return { score: near > 0 ? 0.9 : reasons.has('initials') ? 0.85 : 1, reasons: [...reasons] };
  }
  if (free.length + longInitials.length === 1 && exact + near >= 2) {
    reasons.add('compound_cut');
    return { score: 0.75, reasons: [...reasons] };
  }
  if (s.words.length === 1 && s.initials.length === 0) return null;
  return null;
}

/**
 * An English and a Chinese given name for one surname at one postal code (`David Wang` and
 * `Wang Xiaoming`): joined only when the Chinese given name cuts into syllables and the other
 * does not, so two Chinese-named relatives at one address stay apart.
 */
export function givenNameAlias(a: NameUnits, b: NameUnits, aChinese: boolean, bChinese: boolean): LinkVerdict | null {
  if (aChinese === bChinese) return null;
  if (a.surname.length === 0 || a.surname.join(' ') !== b.surname.join(' ')) return null;
  if (a.middle && b.middle && a.middle !== b.middle) return null;
  return { score: 0.6, reasons: ['given_name_alias'] };
}
