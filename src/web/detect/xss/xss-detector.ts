import type { RequestDetector } from '../../../core/index.js';
import { charFilter } from '../request-values.js';
import { createValueDetector, type ValueCheckSpec, type ValueHit } from '../value-detector.js';
import { scanHtml } from './html-scan.js';

/** Without `<`, a quote, `:` (script URLs) or `(`/backtick (calls) a value cannot carry script. */
const XSS_FILTER = charFilter(`<'"\`:(`);
const XSS_SIGNS = /[<'"`]|script\s*:|data\s*:|\(/i;

/** Check of one decoded value, as a reason code, for {@link createXssDetector}. */
export function xssHit(text: string): ValueHit | undefined {
  const m = scanHtml(text);
  if (m === undefined) return undefined;
  const params: Record<string, string> = { kind: m.kind };
  if (m.tag !== undefined) params.tag = m.tag;
  if (m.attr !== undefined) params.attr = m.attr;
  return { fragment: m.fragment, code: 'web.xss_context', params };
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
