import type { RequestDetector } from '../../../core/index.js';
import { charFilter } from '../request-values.js';
import { createValueDetector, type ValueCheckSpec, type ValueHit } from '../value-detector.js';
import { scanHtml } from './html-scan.js';

/** Without `<`, a quote, `:` (script URLs) or `(`/backtick (calls) a value cannot carry script. */
const XSS_FILTER = charFilter(`<'"\`:(`);
const XSS_SIGNS = /[<'"`]|script\s*:|data\s*:|\(/i;

/** Check of one decoded value, in words, for {@link createXssDetector}. */
export function xssHit(text: string): ValueHit | undefined {
  const m = scanHtml(text);
  if (m === undefined) return undefined;
  return { fragment: m.fragment, what: `HTML/script context: ${m.kind}` };
}

/** The `xss-tokenizer` check, for {@link createValueDetector}. */
export const XSS_SPEC: ValueCheckSpec = {
  class: 'xss',
  rule: 'xss-tokenizer',
  severity: 4,
  filter: XSS_FILTER,
  worth: (text) => XSS_SIGNS.test(text),
  check: xssHit,
};

/**
 * Cross-site scripting by reading values as HTML and script (rule `xss-tokenizer`); see
 * `html-scan.ts` for what counts.
 *
 * @example
 * scanRequest(createXssDetector(), { method: 'GET', uri: '/x?q=%3Csvg/onload=alert(1)%3E' })
 * // [{ rule: 'xss-tokenizer', location: 'query:q', ... }]
 */
export function createXssDetector(): RequestDetector {
  return createValueDetector('xss-tokenizer', [XSS_SPEC]);
}
