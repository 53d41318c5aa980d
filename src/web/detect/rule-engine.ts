import {
  queryParams,
  type EventSource,
  type Finding,
  type RequestDetector,
  type WebEvent,
} from '../../core/index.js';
import { paramLocation, requestFinding } from './evidence.js';
import { LiteralAutomaton } from './literal-automaton.js';
import { loadRules } from './load-rules.js';
import { DECODING_TRIGGERS, mayNeedDecoding, needsDecoding, normalise, TRIGGER_NON_ASCII, type PartKind } from './normalise.js';
import { PartMemo } from './part-memo.js';
import { decodedParams, headerBlock, headerParams, isFormBody, isMultipartBody, isXmlBody, multipartParams, rawValue, xmlValues } from './request-parts.js';
import { compileCheck, HeaderCache, runCheck, type CompiledCheck } from './rule-checks.js';
import type { RuleTarget, WebRule } from './rule-schema.js';
import { sameSite } from './same-site.js';
import { textView } from './text-views.js';
import { expandWordLists, readWordList } from './word-lists.js';

// One bit per inspected part, so a prefilter hit records every part it was seen in at once.
const PART_BIT: Record<RuleTarget, number> = {
  path: 1, query: 2, user_agent: 4, referer: 8, body: 16, method: 32, request: 64, headers: 128,
};
/** Order in which a rule's parts are confirmed: the most specific location wins. */
const CONFIRM_ORDER: readonly RuleTarget[] = ['path', 'query', 'request', 'body', 'headers', 'user_agent', 'referer', 'method'];

/**
 * Patterns are only run on this much of a part: bounded work per request whatever its size.
 * Attacks sit at the start of parameters and bodies far more often than past 16 KB.
 */
const MAX_MATCH_CHARS = 16_384;
/** A parameter name that is one identifier word, with array brackets: never read as a payload. */
const PLAIN_NAME = /^[a-z0-9_-]{1,64}(?:\[[\w-]{0,32}\])*$/i;
/** Remembered User-Agent and Referer values (each): enough for a busy site's browsers. */
const MEMO_SLOTS = 4096;

interface CompiledRule {
  rule: WebRule;
  parts: number;
  patterns: RegExp[];
  /** Patterns read the bytes as sent (`match_raw`), for evasions decoding would blur. */
  raw: boolean;
  /** Applied to each text before the patterns (`transforms`). */
  view: ((text: string) => string) | undefined;
  /** Parameters are matched as `name=value` (`with_name`). */
  withName: boolean;
  /** Only this header is read (`header`). */
  header: string | undefined;
  /** The whole header block is read as one text (`header_block`). */
  block: boolean;
  /** Methods the rule applies to (`methods`); every method when undefined. */
  methods: Set<string> | undefined;
  /** An XML body is also read as markup (`xml_markup`), not only as its values. */
  markup: boolean;
  /** Not when the Referer is a page of the same site (`unless_same_site_referer`). */
  offSiteOnly: boolean;
}

/** Normalised parts of the event being inspected (reset for every event). */
interface Parts {
  path: string;
  query: string;
  userAgent: string;
  referer: string;
  body: string;
  method: string;
  headers: string;
  params: Array<[string, string]> | undefined;
  bodyParams: Array<[string, string]> | undefined;
  /** The values of an XML body, decoded (`undefined` until a rule needs them). */
  xmlParams: Array<[string, string]> | undefined;
}

/**
 * Compiles signature rules once into a {@link RequestDetector}: one multi-literal pass over
 * each part finds every rule whose prefilter occurs, and only those rules' patterns run.
 * At most one finding per rule per request, at the most specific location.
 *
 * Not re-entrant: `inspect` reuses scratch buffers, so use one detector per worker.
 *
 * @example
 * const detector = createRuleDetector(loadRules());
 * const out: Finding[] = [];
 * detector.inspect(event, { file: 'access.log', line: 12 }, out);
 */
export function createRuleDetector(rules: readonly WebRule[] = loadRules()): RequestDetector {
  return new RuleEngine(rules);
}

class RuleEngine implements RequestDetector {
  readonly name = 'web-signatures';
  readonly #rules: CompiledRule[] = [];
  readonly #checks: CompiledCheck[] = [];
  /** Checks on headers: skipped at once for access-log lines, which carry none. */
  readonly #headerChecks: CompiledCheck[] = [];
  readonly #automaton: LiteralAutomaton;
  /** For each literal, the rules it gates. */
  readonly #literalRules: number[][] = [];
  readonly #marks: Uint8Array;
  readonly #touched: Int32Array;
  #touchedCount = 0;
  #mask = 0;
  /** Text of the part last scanned by `#scanPart` (normalised when it needed it). */
  #text = '';
  /** Literal hits of the scan in progress, when it is being memoised. */
  #recording: number[] | undefined;
  readonly #userAgents = new PartMemo(MEMO_SLOTS);
  readonly #referers = new PartMemo(MEMO_SLOTS);
  readonly #headerCache = new HeaderCache();
  readonly #parts: Parts = {
    path: '', query: '', userAgent: '', referer: '', body: '', method: '', headers: '', params: undefined, bodyParams: undefined, xmlParams: undefined,
  };

  constructor(rules: readonly WebRule[]) {
    const literals: string[] = [];
    for (const rule of rules) {
      const parts = rule.targets.reduce((bits, t) => bits | PART_BIT[t], 0);
      if (rule.check !== undefined) {
        const headerRule = rule.header !== undefined || rule.header_block === true;
        (headerRule ? this.#headerChecks : this.#checks).push(compileCheck(rule));
        continue;
      }
      const index = this.#rules.length;
      const patterns = (rule.patterns ?? []).map((p) => new RegExp(expandWordLists(p), 'i'));
      const view = textView(rule.transforms);
      this.#rules.push({
        rule, parts, patterns, raw: rule.match_raw === true, view, withName: rule.with_name === true,
        header: rule.header, block: rule.header_block === true, methods: rule.methods === undefined ? undefined : new Set(rule.methods),
        markup: rule.xml_markup === true, offSiteOnly: rule.unless_same_site_referer === true,
      });
      for (const literal of [...(rule.prefilter ?? []), ...listLiterals(rule)]) {
        literals.push(literal);
        this.#literalRules.push([index]);
      }
    }
    this.#automaton = new LiteralAutomaton(literals, DECODING_TRIGGERS, TRIGGER_NON_ASCII);
    this.#marks = new Uint8Array(this.#rules.length);
    this.#touched = new Int32Array(this.#rules.length);
  }

  inspect(event: WebEvent, source: EventSource, out: Finding[]): void {
    const p = this.#parts;
    p.params = undefined;
    p.bodyParams = undefined;
    p.xmlParams = undefined;
    this.#touchedCount = 0;
    // Path, `?` and query are read as one stream so `request` rules see the whole target.
    let state = this.#scanPart(event.path, 'path', this.#automaton.start, PART_BIT.path | PART_BIT.request);
    p.path = this.#text;
    p.query = '';
    if (event.query !== '') {
      state = this.#scanPart('?', 'other', state, PART_BIT.request);
      this.#scanPart(event.query, 'query', state, PART_BIT.query | PART_BIT.request);
      p.query = this.#text;
    }
    p.userAgent = this.#scanMemo(event.userAgent, 'other', PART_BIT.user_agent, this.#userAgents);
    p.referer = this.#scanMemo(event.referer, 'query', PART_BIT.referer, this.#referers);
    p.body = event.body === '' ? '' : this.#scanAlone(event.body, 'query', PART_BIT.body);
    p.method = this.#scanAlone(event.method, 'other', PART_BIT.method);
    const headers = event.headers ?? '';
    p.headers = headers === '' ? '' : this.#scanAlone(headers, 'query', PART_BIT.headers);
    if (this.#touchedCount > 0) this.#confirmTouched(event, source, out);
    for (const check of this.#checks) runCheck(check, event, this.#headerCache, source, out);
    if (headers === '') return;
    this.#headerCache.reset(event);
    for (const check of this.#headerChecks) runCheck(check, event, this.#headerCache, source, out);
  }

  /**
   * Scans `raw` from `state`, and again decoded only if the scan met a character that may need
   * decoding and it really does. Returns the end state; the text scanned last is in `#text`.
   */
  #scanPart(raw: string, kind: PartKind, state: number, mask: number): number {
    this.#mask = mask;
    const automaton = this.#automaton;
    let end = automaton.scan(raw, state, this.#onLiteral);
    this.#text = raw;
    if (mayNeedDecoding(automaton.lastFlags, kind) && needsDecoding(raw, kind)) {
      this.#text = normalise(raw, kind);
      end = automaton.scan(this.#text, state, this.#onLiteral);
    }
    return end;
  }

  #scanAlone(raw: string, kind: PartKind, mask: number): string {
    this.#scanPart(raw, kind, this.#automaton.start, mask);
    return this.#text;
  }

  #scanMemo(raw: string, kind: PartKind, mask: number, memo: PartMemo): string {
    if (raw === '') return '';
    const seen = memo.get(raw);
    if (seen !== undefined) {
      this.#mask = mask;
      for (const literal of seen.literals) this.#onLiteral(literal);
      return seen.text;
    }
    const recording: number[] = [];
    this.#recording = recording;
    this.#scanPart(raw, kind, this.#automaton.start, mask);
    this.#recording = undefined;
    return memo.set(raw, this.#text, recording).text;
  }

  readonly #onLiteral = (literal: number): void => {
    this.#recording?.push(literal);
    for (const index of this.#literalRules[literal]!) {
      const bits = this.#rules[index]!.parts & this.#mask;
      if (bits === 0) continue;
      if (this.#marks[index] === 0) this.#touched[this.#touchedCount++] = index;
      this.#marks[index]! |= bits;
    }
  };

  #confirmTouched(event: WebEvent, source: EventSource, out: Finding[]): void {
    const touched = this.#touched.subarray(0, this.#touchedCount).sort();
    for (const index of touched) {
      const marks = this.#marks[index]!;
      this.#marks[index] = 0;
      const compiled = this.#rules[index]!;
      if (compiled.methods !== undefined && !compiled.methods.has(event.method)) continue;
      if (compiled.offSiteOnly && sameSite(event.host, event.referer)) continue;
      for (const part of CONFIRM_ORDER) {
        if ((marks & PART_BIT[part]) !== 0 && this.#confirm(compiled, part, event, source, out)) break;
      }
    }
  }

  /** Runs the rule's patterns on one part; pushes a finding and returns true on a match. */
  #confirm(compiled: CompiledRule, part: RuleTarget, event: WebEvent, source: EventSource, out: Finding[]): boolean {
    if (part === 'headers' && (compiled.block || compiled.header !== undefined)) return this.#confirmHeader(compiled, event, source, out);
    if (compiled.raw) return this.#confirmRaw(compiled, part, event, source, out);
    const p = this.#parts;
    if (part === 'query') {
      p.params ??= decodedParams(event.query);
      if (this.#confirmParams(compiled, p.params, 'query', event, source, out)) return true;
    } else if (part === 'body' && (isFormBody(event.body) || isMultipartBody(event.body))) {
      p.bodyParams ??= isFormBody(event.body) ? decodedParams(event.body) : multipartParams(event.body, true);
      if (this.#confirmParams(compiled, p.bodyParams, 'body', event, source, out)) return true;
    } else if (part === 'headers') {
      return this.#confirmParams(compiled, headerParams(event.headers ?? '', true), 'header', event, source, out);
    } else if (part === 'body' && isXmlBody(event.body)) {
      p.xmlParams ??= xmlValues(event.body).map((v): [string, string] => ['xml', normalise(v, 'other')]);
      if (this.#confirmParams(compiled, p.xmlParams, 'body', event, source, out)) return true;
      if (!compiled.markup) return false;
    }
    const matched = matchView(compiled, partText(p, part));
    if (matched === undefined) return false;
    out.push(requestFinding(compiled.rule, event, source, part, matched, false));
    return true;
  }

  /** As {@link #confirm}, on the raw text of the part (and of each parameter or header). */
  #confirmRaw(compiled: CompiledRule, part: RuleTarget, event: WebEvent, source: EventSource, out: Finding[]): boolean {
    if (part === 'query' && this.#confirmParams(compiled, queryParams(event.query), 'query', event, source, out)) return true;
    if (part === 'body' && isFormBody(event.body) && this.#confirmParams(compiled, queryParams(event.body), 'body', event, source, out)) return true;
    if (part === 'body' && isMultipartBody(event.body) && this.#confirmParams(compiled, multipartParams(event.body, false), 'body', event, source, out)) return true;
    if (part === 'headers') return this.#confirmParams(compiled, headerParams(event.headers ?? '', false), 'header', event, source, out);
    const matched = matchView(compiled, rawValue(event, part));
    if (matched === undefined) return false;
    out.push(requestFinding(compiled.rule, event, source, part, matched, false));
    return true;
  }

  /** Runs the rule's patterns on one named header (`header`) or on the whole block (`header_block`). */
  #confirmHeader(compiled: CompiledRule, event: WebEvent, source: EventSource, out: Finding[]): boolean {
    if (compiled.block) {
      const matched = matchView(compiled, headerBlock(event));
      if (matched === undefined) return false;
      out.push(requestFinding(compiled.rule, event, source, 'headers', matched, false));
      return true;
    }
    const params = headerParams(event.headers ?? '', !compiled.raw).filter(([name]) => name === compiled.header);
    return this.#confirmParams(compiled, params, 'header', event, source, out);
  }

  /** Runs the rule's patterns on each value, then name; the finding names the parameter. */
  #confirmParams(
    compiled: CompiledRule,
    params: ReadonlyArray<[string, string]>,
    where: 'query' | 'body' | 'header',
    event: WebEvent,
    source: EventSource,
    out: Finding[],
  ): boolean {
    for (const [name, value] of params) {
      const bare = name.startsWith('cookie:') ? name.slice(7) : name;
      if (compiled.withName) {
        const both = matchView(compiled, `${bare}=${value}`);
        if (both === undefined) continue;
        out.push(requestFinding(compiled.rule, event, source, paramLocation(name, where), both, false));
        return true;
      }
      const inValue = matchView(compiled, value);
      // A name that is one plain word and nothing but what matched (`uname`, `id`, `exec`) is
      // the form's name for a field: payloads sent as names carry syntax or more (`1 or 1=1--`,
      // `x<svg/onload`, `$_GET`, a base64 class name the rule decodes).
      let inName = inValue ?? matchView(compiled, bare);
      if (inValue === undefined && inName?.trim() === bare && PLAIN_NAME.test(bare)) inName = undefined;
      if (inName !== undefined) {
        out.push(requestFinding(compiled.rule, event, source, paramLocation(name, where), inName, inValue === undefined));
        return true;
      }
    }
    return false;
  }
}

function partText(p: Parts, part: RuleTarget): string {
  switch (part) {
    case 'path': return p.path;
    case 'query': return p.query;
    case 'user_agent': return p.userAgent;
    case 'referer': return p.referer;
    case 'body': return p.body;
    case 'method': return p.method;
    case 'request': return p.query === '' ? p.path : `${p.path}?${p.query}`;
    case 'headers': return p.headers;
  }
}

/** Runs the rule's patterns on `text` as the rule wants to see it. */
function matchView(compiled: CompiledRule, text: string): string | undefined {
  return firstMatch(compiled.patterns, compiled.view === undefined ? text : compiled.view(text));
}

/**
 * Prefilter literals from the rule's word lists: words of three characters or more (shorter
 * ones would gate the rule on most requests; a rule lists them itself when it must).
 */
function listLiterals(rule: WebRule): string[] {
  return (rule.prefilter_lists ?? []).flatMap((name) => readWordList(name).filter((w) => w.length >= 3 && /^[\x00-\x7f]+$/.test(w)));
}

function firstMatch(patterns: readonly RegExp[], text: string): string | undefined {
  if (text === '') return undefined;
  const bounded = text.length > MAX_MATCH_CHARS ? text.slice(0, MAX_MATCH_CHARS) : text;
  for (const re of patterns) {
    const m = re.exec(bounded);
    if (m !== null) return m[0];
  }
  return undefined;
}
