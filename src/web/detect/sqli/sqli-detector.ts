import type { RequestDetector } from '../../../core/index.js';
import { charFilter } from '../request-values.js';
import { createValueDetector, type ValueCheckSpec, type ValueHit } from '../value-detector.js';
import { detectSqli } from './sqli-fingerprint.js';

/**
 * A value can only change a SQL statement's structure with a quote, a parenthesis, an
 * operator, a comment marker or a separator between two words: letters, digits and `-._/:,~`
 * alone cannot, and that is most values on a real site.
 */
const SQLI_FILTER = charFilter(` '"\`()=<>|!;#*@^:\t\n`);
// Decoded text needs one of these characters, or whitespace and a SQL word that can join
// two clauses without any punctuation (`1 union select 2`, `1 order by 5`).
const SQL_PUNCTUATION = /['"`()=<>|!;#*@^\\]|--|\/\*|::/;
const SQL_JOINING_WORD = /(?:^|\s)(?:union|select|order|group|or|and|xor|having|exec|execute|drop|insert|delete|update|waitfor|procedure|limit|into|is|not|regexp|rlike|case|when|create|alter|truncate|table|from|where|values|as)(?:\s|$)/i;

/** Second-stage test of {@link createSqliDetector}: can this decoded text change a statement? */
export function sqliWorth(text: string): boolean {
  return SQL_PUNCTUATION.test(text) || (/\s/.test(text) && SQL_JOINING_WORD.test(text));
}

/** Check of one decoded value, as a reason code, for {@link createSqliDetector}. */
export function sqliHit(text: string): ValueHit | undefined {
  const m = detectSqli(text);
  if (m === undefined) return undefined;
  return { fragment: m.fragment, code: 'web.sqli_tokens', params: { fingerprint: m.fingerprint.slice(0, 8), context: m.context, shape: m.shape } };
}

/** The `sqli-tokenizer` check, for {@link createValueDetector}. */
export const SQLI_SPEC: ValueCheckSpec = {
  class: 'sqli',
  rule: 'sqli-tokenizer',
  severity: 4,
  filter: SQLI_FILTER,
  worth: sqliWorth,
  check: sqliHit,
};

/**
 * SQL injection by tokens (rule `sqli-tokenizer`): each query, form and JSON value, the path,
 * User-Agent and Referer are tokenized as SQL in three contexts; see `sqli-fingerprint.ts`.
 *
 * @example
 * scanRequest(createSqliDetector(), { method: 'GET', uri: "/x?id=1'%20or%201=1--" })
 * // [{ rule: 'sqli-tokenizer', location: 'query:id', fragment: "' or 1=1--", ... }]
 */
export function createSqliDetector(): RequestDetector {
  return createValueDetector('sqli-tokenizer', [SQLI_SPEC]);
}
