import type { EventSource, Finding, WebEvent } from '../../core/index.js';
import { requestFinding } from './evidence.js';
import { headerBlock, headerMap, rawLength, rawValue } from './request-parts.js';
import type { WebRule } from './rule-schema.js';

/**
 * Rules with a `check:` instead of patterns: questions literals cannot answer ("not one of
 * these methods", "longer than 4 KB", "Content-Length is not a number", "no Host header").
 * They run on every request, so each is a few comparisons, with verdicts cached for the short
 * values (methods, header values) that make up most traffic.
 */

const MAX_CACHED_VERDICTS = 256;
const MAX_CACHED_VALUE_CHARS = 64;

/** One compiled check rule. */
export interface CompiledCheck {
  rule: WebRule;
  notIn: Set<string> | undefined;
  matching: RegExp | undefined;
  notMatching: RegExp | undefined;
  longerThan: number;
  empty: boolean;
  methods: Set<string> | undefined;
  /** Verdicts by value for short values: a handful of values make up all traffic. */
  verdicts: Map<string, boolean>;
}

/** Header values of the event being checked, parsed once for all checks that need them. */
export class HeaderCache {
  #event: WebEvent | undefined;
  #map: Map<string, string> | undefined;
  #block: string | undefined;

  reset(event: WebEvent): void {
    this.#event = event;
    this.#map = undefined;
    this.#block = undefined;
  }

  get(name: string): string | undefined {
    const event = this.#event!;
    // Access-log lines carry no header block: header rules only judge requests that do.
    if ((event.headers ?? '') === '') return undefined;
    this.#map ??= headerMap(event);
    return this.#map.get(name);
  }

  block(): string {
    this.#block ??= headerBlock(this.#event!);
    return this.#block;
  }
}

/** Compiles a rule whose `check` is set. */
export function compileCheck(rule: WebRule): CompiledCheck {
  const c = rule.check!;
  // Header names, media types and charsets are case-insensitive; methods and paths are not.
  const flags = rule.header_block === true ? 'im' : rule.header !== undefined ? 'i' : '';
  return {
    rule,
    notIn: c.not_in === undefined ? undefined : new Set(c.not_in),
    matching: c.matching === undefined ? undefined : new RegExp(c.matching, flags),
    notMatching: c.not_matching === undefined ? undefined : new RegExp(c.not_matching, flags),
    longerThan: c.longer_than_chars ?? -1,
    empty: c.empty === true,
    methods: rule.methods === undefined ? undefined : new Set(rule.methods),
    verdicts: new Map(),
  };
}

/** Checks read raw values: "is this a known method" is a question about the bytes as sent. */
export function runCheck(check: CompiledCheck, event: WebEvent, headers: HeaderCache, source: EventSource, out: Finding[]): void {
  if (check.methods !== undefined && !check.methods.has(event.method)) return;
  const rule = check.rule;
  if (rule.header !== undefined || rule.header_block === true) {
    const value = rule.header !== undefined ? headers.get(rule.header) : headers.block();
    if (value === undefined || (value === '' && rule.header_block === true)) return;
    const fires = value === '' ? check.empty : value.length > check.longerThan && hasConditions(check) && checkFires(check, value);
    if (fires) out.push(requestFinding(rule, event, source, rule.header === undefined ? 'headers' : `header:${rule.header}`, value, false));
    return;
  }
  for (const target of rule.targets) {
    const length = rawLength(event, target);
    if (length === 0 || length <= check.longerThan) continue;
    const value = rawValue(event, target);
    if (!checkFires(check, value)) continue;
    out.push(requestFinding(rule, event, source, target, value, false));
    return;
  }
}

/** A check with only `empty: true` says nothing about non-empty values. */
function hasConditions(check: CompiledCheck): boolean {
  return check.notIn !== undefined || check.matching !== undefined || check.notMatching !== undefined || check.longerThan >= 0;
}

function checkFires(check: CompiledCheck, value: string): boolean {
  const cacheable = value.length <= MAX_CACHED_VALUE_CHARS;
  const known = cacheable ? check.verdicts.get(value) : undefined;
  if (known !== undefined) return known;
  const fires =
    check.notIn?.has(value) !== true &&
    (check.matching === undefined || check.matching.test(value)) &&
    check.notMatching?.test(value) !== true;
  if (cacheable) {
    if (check.verdicts.size >= MAX_CACHED_VERDICTS) check.verdicts.clear();
    check.verdicts.set(value, fires);
  }
  return fires;
}
