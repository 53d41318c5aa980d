import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import * as OpenCC from 'opencc-js/t2cn';

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /(\p{Script=Han}+)/u;
const URL = /https?:\/\/\S+/giu;
const MENTION = /[@＠][\p{L}\p{N}_]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

let toCn: ((s: string) => string) | null = null;
let jieba: Jieba | null = null;

/**
 * Traditional Chinese → Simplified (OpenCC's `t` → `cn` tables, opencc-js), so a message and
 * its Traditional copy compare equal. Text without Han characters is returned as is.
 *
 * @example
 * toSimplified('這位議員與北京勾結') // '这位议员与北京勾结'
 */
export function toSimplified(text: string): string {
  if (!HAN.test(text)) return text;
  const convert = (toCn ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

/** Whether a text has Chinese characters. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * The words of a post as compared for near-duplicates, in every script: links and @mentions
 * removed, NFKC, lower case, Traditional → Simplified, accents stripped (so `élection` and
 * `election` match), Chinese cut into words by jieba (the QUT toolkit cuts it character by
 * character), other scripts split at non-letters.
 *
 * @example
 * contentWords('這位議員與北京勾結！') // ['这位', '议员', '与', '北京', '勾结']
 */
export function contentWords(text: string): string[] {
  const clean = toSimplified(text.replace(URL, ' ').replace(MENTION, ' ').normalize('NFKC').toLowerCase());
  const out: string[] = [];
  for (const part of clean.split(HAN_RUN)) {
    if (part === '') continue;
    if (HAN.test(part[0]!)) {
      jieba ??= Jieba.withDict(dict);
      for (const w of jieba.cut(part, false)) if (w.trim()) out.push(w);
    } else {
      const plain = part.normalize('NFD').replace(/\p{M}+/gu, '');
      for (const m of plain.matchAll(WORD)) out.push(m[0]);
    }
  }
  return out;
}

/** 32-bit FNV-1a of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The shingles of a word list: each word and each pair of neighbours, hashed, sorted, once
 * each. Pairs keep word order, so a reshuffled text is not a copy.
 */
export function shingles(words: readonly string[]): Uint32Array {
  const set = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    set.add(fnv1a(words[i]!));
    if (i + 1 < words.length) set.add(fnv1a(`${words[i]}\u0000${words[i + 1]}`));
  }
  return Uint32Array.from(set).sort();
}
