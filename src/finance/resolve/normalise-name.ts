import { cutSyllables, isNameSyllable, isSyllable, syllableClass } from './romanise.js';

/**
 * A name as comparable units: accents, case and punctuation dropped; hyphenated parts
 * split (`Jean-François` → `jean francois`); particles joined to what follows
 * (`Mac Donald`, `Mc Donald` → `macdonald`, `de la Fontaine` → `delafontaine`); romanised
 * Chinese cut into syllables and folded (`Hsiao-Ming`, `Xiaoming`, `Siu Ming` → `xiao ming`);
 * one-letter units are initials.
 */
export interface NameUnits {
  /** Whole units (two letters or more), sorted. */
  words: string[];
  /** Initials, sorted. */
  initials: string[];
  /** The explicit middle initial, when the file gives one. */
  middle: string;
  /** The surname's units (for households and the English/Chinese given-name link). */
  surname: string[];
  /** The given name reads as romanised Chinese syllables only (`Xiaoming`, `Siu Ming`). */
  givenChinese: boolean;
}

const PARTICLES = new Set(['mac', 'mc', 'van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'della', 'la', 'le', 'st', 'ste', 'saint', 'sainte', 'ben', 'al', 'el']);

/** Fold a string to ASCII lower case words. */
export function foldWords(s: string): string[] {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/['’`]/g, '').replace(/[^a-z]+/g, ' ').trim().split(' ').filter(Boolean);
}

function units(words: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    while (PARTICLES.has(w) && i + 1 < words.length && words[i + 1]!.length > 1 && !(w.length === 1 && words.length <= 2)) w += words[++i]!;
    joined.push(w.startsWith('mc') && w.length > 3 ? 'mac' + w.slice(2) : w);
  }
  const out: string[] = [];
  for (const w of joined) {
    if (w.length > 1 && isSyllable(w)) { out.push(syllableClass(w)); continue; }
    const cut = cutSyllables(w);
    if (cut) out.push(...cut.map(syllableClass));
    else out.push(w);
  }
  return out;
}

/** The units of a contributor's last, first and middle names. */
export function nameUnits(last: string, first: string, middle: string): NameUnits {
  const surname = units(foldWords(last));
  const given = units(foldWords(first));
  const all = [...surname, ...given];
  const mid = foldWords(middle).join('').slice(0, 1);
  const words = all.filter((u) => u.length > 1).sort();
  const initials = all.filter((u) => u.length === 1).sort();
  const givenWords = foldWords(first).filter((w) => w.length > 1);
  // Strict: every piece a syllable of the names table (`Marie` cuts as Pinyin `ma rie` but is not Chinese).
  const givenChinese = givenWords.length > 0 && givenWords.every((w) => isNameSyllable(w) || (cutSyllables(w)?.every(isNameSyllable) ?? false));
  return { words, initials, middle: mid, surname: surname.filter((u) => u.length > 1), givenChinese };
}

/** A key equal for names that are the same units in any order and spelling we fold. */
export function unitKey(u: NameUnits): string {
  return `${u.words.join(' ')}|${u.initials.join('')}`;
}
