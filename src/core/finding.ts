import type { Reason } from './module/text.js';

/** Attack classes a web finding can carry. The detection rules use these names. */
export type WebAttackClass =
  | 'sqli' | 'xss' | 'path_traversal' | 'lfi' | 'rfi' | 'cmdi' | 'ssti' | 'log4shell' | 'ssrf'
  | 'xxe' | 'nosqli' | 'ldapi' | 'crlf' | 'sensitive_file' | 'admin_probe' | 'scanner'
  | 'protocol' | 'anomaly' | 'scanning' | 'brute_force' | 'flood' | 'crawling';

/**
 * One explained detection. A finding always says what matched, where, and on which line:
 * an analyst must be able to check it by hand.
 */
export interface Finding {
  /** `request` for one request, `client` for behaviour over a window. */
  scope: 'request' | 'client';
  class: WebAttackClass;
  /** Rule or detector id, e.g. `sqli-union-select`. */
  rule: string;
  /** 1 (informational) to 5 (critical). */
  severity: number;
  ip: string;
  /** Time of the request (request scope) or window end (client scope), epoch ms. */
  ts: number;
  /** Where it matched: `path`, `query`, `query:id`, `user_agent`, `referer`, `body`... */
  location: string;
  /** The matched fragment, truncated to 200 characters. */
  fragment: string;
  /** Source of the evidence line: file and 1-based line number. */
  file: string;
  line: number;
  /** Window for client-scope findings, epoch ms; 0 otherwise. */
  windowStart: number;
  windowEnd: number;
  /** Why, in English: {@link Finding.why} rendered by the web catalogue (what `findings.reason` stores). */
  reason: string;
  /** Why, as data: a code and its parameters, rendered in each language by the web catalogue. */
  why: Reason;
}

/** Maximum length of a stored matched fragment: evidence, not a copy of the payload. */
export const MAX_FRAGMENT_CHARS = 200;
