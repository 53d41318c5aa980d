import type { Template } from '../../core/module/index.js';
import { SQL_SHAPE_MEANINGS } from '../detect/sqli/sqli-fingerprint.js';
import { locationWords, whereWords } from './where.js';

/*
 * The web module's reasons in English, keyed by code (the French is fr.ts, the same codes).
 * The English is the sentence vigie has always stored in `findings.reason`: figures are
 * written as they were (plain integers in behaviour reasons, `4,212` and `99.9%` in baseline
 * reasons), so stored reasons, `--json` output and scripts that read them do not change.
 */

type P = Readonly<Record<string, any>>;

/** Plain-language names of the attack classes (`web.class.<class>`). */
export const CLASS_NAMES_EN = {
  'web.class.sqli': 'SQL injection',
  'web.class.xss': 'cross-site scripting',
  'web.class.path_traversal': 'path traversal',
  'web.class.lfi': 'local file inclusion',
  'web.class.rfi': 'remote file inclusion',
  'web.class.cmdi': 'command injection',
  'web.class.ssti': 'template injection',
  'web.class.log4shell': 'Log4Shell',
  'web.class.ssrf': 'server-side request forgery',
  'web.class.xxe': 'XML external entity',
  'web.class.nosqli': 'NoSQL injection',
  'web.class.ldapi': 'LDAP injection',
  'web.class.crlf': 'header injection (CRLF)',
  'web.class.sensitive_file': 'sensitive file probing',
  'web.class.admin_probe': 'admin page probing',
  'web.class.scanner': 'attack scanner',
  'web.class.protocol': 'protocol abuse',
  'web.class.anomaly': 'departure from the site’s normal traffic',
  'web.class.scanning': 'scanning',
  'web.class.brute_force': 'password guessing',
  'web.class.flood': 'request flood',
  'web.class.crawling': 'aggressive crawling',
} as const;

const TOKEN_NAMES: Record<string, string> = {
  s: 'string', '1': 'number', n: 'name', v: 'variable', f: 'function', k: 'keyword', E: 'statement',
  U: 'UNION', B: 'ORDER/GROUP BY', '&': 'AND/OR', o: 'operator', '(': '(', ')': ')', ',': 'comma',
  ';': 'semicolon', c: 'comment',
};

const XSS_KINDS: Record<string, (p: P) => string> = {
  event_handler: (p) => `tag <${p.tag}> with event handler ${p.attr}`,
  script_url_attr: (p) => `tag <${p.tag}> with a script URL in ${p.attr}`,
  style_script: (p) => `tag <${p.tag}> with script in its style`,
  attribute: (p) => `tag <${p.tag}> with attribute ${p.attr}`,
  exec_tag: (p) => `tag <${p.tag}> that runs or loads content`,
  closing_tag: (p) => `closing tag </${p.tag}> that ends a block to inject markup`,
  markup: () => 'HTML markup',
  script_url: () => 'script URL',
  attribute_breakout: () => 'a value that closes an HTML attribute and adds an event handler',
  script_breakout: () => 'a value that closes a script string and calls a script function',
  script_code: () => 'script code',
  angle_probe: () => 'a lone `<`, probing which encodings of it pass through',
};

/** What an XSS value check found, in English (also what `html-scan` tests read). */
export function xssKindEn(p: P): string {
  return XSS_KINDS[p.kind]?.(p) ?? String(p.kind);
}

const CHAR_CLASSES: Record<string, string> = {
  digit: 'digits', lower: 'lower-case letters', upper: 'upper-case letters', letter: 'accented letters', space: 'spaces',
  other: 'other non-ASCII characters', control: 'control characters',
};

/** Character classes in words: `letters, digits, spaces and `,-./``. */
function classes(list: readonly string[]): string {
  const named = list.filter((c) => c in CHAR_CLASSES).map((c) => CHAR_CLASSES[c]!);
  const symbols = list.filter((c) => !(c in CHAR_CLASSES));
  const parts = [...named];
  if (symbols.length > 0) parts.push('`' + symbols.join('') + '`');
  if (parts.length === 0) return 'nothing';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** A count with thousands separators, as baseline reasons always wrote it: 4212 → `4,212`. */
const figure = (n: number): string => n.toLocaleString('en-US');
/** A share rounded down to 0.1, so 99.96% never reads as 100%. */
const percent = (share: number): string => `${Math.floor(share * 1000) / 10}%`;
const q = (v: unknown): string => '`' + String(v) + '`';

function lengthRange(p: P): string {
  if (p.min === p.max) return `${p.max}`;
  return p.min === 0 && p.max > p.length_max ? `at most ${p.length_max}` : `${p.min} to ${p.max}`;
}

/** "N requests …" of a behaviour finding: the threshold crossed, with the counts. */
function measured(p: P): string {
  const within = `within ${p.window_secs} s`;
  if (p.variant === 'clients') {
    const cap = p.cap !== null && p.cap !== undefined ? `, at most ${p.cap} each` : '';
    return `${p.clients} clients of ${p.group} sent ${p.requests} requests ${p.counts_what}${cap}, ${within} (threshold ${p.threshold} clients)`;
  }
  if (p.variant === 'paths') return `${p.paths} distinct paths ${p.counts_what} ${within} (threshold ${p.threshold})`;
  const who = p.group_by === 'network' ? ` from ${p.clients} clients of ${p.group}` : '';
  return `${p.requests} requests ${p.counts_what}${who} ${within} (threshold ${p.threshold})`;
}

/** How the threshold was set, when the scenario has a site baseline. */
function baselineNote(p: P): string {
  const who = p.group_by === 'client' ? 'client' : 'network';
  if (p.note === 'floor') return ` (floor; ${p.groups} ${who}s are too few for a site baseline)`;
  if (p.note === 'baseline') {
    return ` = max(floor ${p.floor}, ${p.multiplier} × the site's p${p.percentile} per-${who} peak of ${p.peak} requests per ${p.window_secs} s over ${p.groups} ${who}s)`;
  }
  return '';
}

export const WEB_EN = {
  ...CLASS_NAMES_EN,
  'web.signature': (p: P) => `${q(p.fragment)} ${whereWords(p.location, p.in_name === true)}`,
  'web.check': (p: P) => `${String(p.location).replace('_', '-')} ${q(p.fragment)}: ${p.description}`,
  'web.sqli_tokens': (p: P) => {
    const names = [...String(p.fingerprint)].map((t) => TOKEN_NAMES[t] ?? t).join(', ');
    const context = p.context === 'none' ? 'read as bare SQL' : `read inside a ${p.context}-quoted string`;
    return `SQL token sequence ${p.fingerprint} (${names}), ${context}: ${SQL_SHAPE_MEANINGS[p.shape] ?? p.shape}, ${locationWords(p.location)}: ${q(p.fragment)}`;
  },
  'web.xss_context': (p: P) => `HTML/script context: ${xssKindEn(p)} ${locationWords(p.location)}: ${q(p.fragment)}`,
  'web.baseline.type': (p: P) =>
    `parameter ${q(p.name)} is ${p.type} in ${percent(p.share)} of ${figure(p.observations)} requests; got ${q(p.value)}`,
  'web.baseline.charset': (p: P) =>
    `parameter ${q(p.name)} holds only ${classes(p.charset)} in ${figure(p.observations)} requests; got ${classes(p.unknown)} in ${q(p.value)}`,
  'web.baseline.length': (p: P) =>
    `parameter ${q(p.name)} is ${lengthRange(p)} characters long in ${figure(p.observations)} requests; got ${figure(p.length)} characters`,
  'web.baseline.value': (p: P) => {
    const list = (p.values as string[]).map(q).join(', ') + (p.count > p.values.length ? ', …' : '');
    return `parameter ${q(p.name)} takes ${p.count === 1 ? 'one value' : `${p.count} values`} (${list}) in ${figure(p.observations)} requests; got ${q(p.value)}`;
  },
  'web.baseline.unknown_param': (p: P) => {
    const known = p.known.length === 0 ? 'none' : p.known.join(', ') + (p.known_count > p.known.length ? ', …' : '');
    return `parameter ${q(p.name)} was never seen on ${p.method} ${p.path} in ${figure(p.requests)} requests (known: ${known})`;
  },
  'web.baseline.unknown_endpoint': (p: P) =>
    `${p.method} ${q(p.path)} was never seen in ${figure(p.requests)} normal requests to ${figure(p.endpoints)} known endpoints`,
  'web.baseline.method': (p: P) =>
    `${q(p.method)} was never used on ${p.path} in ${figure(p.requests)} requests (seen: ${p.seen.join(', ')})`,
  'web.behaviour.episode': (p: P) => {
    const spread = p.addresses !== null && p.addresses !== undefined ? `; ${p.addresses} addresses of ${p.group}` : '';
    return `${measured(p)}${baselineNote(p)}; ${p.such} such requests to ${p.distinct_paths} distinct paths from ${p.from} to ${p.to} UTC${spread}`;
  },
} satisfies Record<string, Template>;

export type WebCode = keyof typeof WEB_EN;
