import {
  detachString,
  MAX_FRAGMENT_CHARS,
  sampledHash,
  type EventSource,
  type Finding,
  type RequestDetector,
  type WebAttackClass,
  type WebEvent,
} from '../../core/index.js';
import type { Params } from '../../core/module/index.js';
import { webText } from '../text/index.js';
import { MAX_REASON_FRAGMENT_CHARS, printable } from './evidence.js';
import { normalise } from './normalise.js';
import { forEachValue, passes, type CharFilter } from './request-values.js';

/** What a value check found: the fragment that matched and what it means, as a reason code. */
export interface ValueHit {
  fragment: string;
  /** The reason code (`web.sqli_tokens`, `web.xss_context`); the finding adds `location` and `fragment` to its params. */
  code: string;
  params: Params;
}

/** One check run on each request value (SQLi, XSS tokenizers). */
export interface ValueCheckSpec {
  class: WebAttackClass;
  rule: string;
  severity: number;
  /** Characters without which a value cannot hold the attack: the cheap first test. */
  filter: CharFilter;
  /** Second cheap test, on the decoded text: false skips the check. */
  worth(text: string): boolean;
  check(text: string): ValueHit | undefined;
}

/** Remembered User-Agent and Referer verdicts: browsers and pages repeat the same strings. */
const MEMO_SLOTS = 4096;

type Verdicts = Array<ValueHit | undefined>;

/**
 * One {@link RequestDetector} running several value checks: each decoded value of a request
 * (path, query and body parameters, User-Agent, Referer) is read once for all of them, and
 * header verdicts are remembered, so clean traffic costs one character-class pass per value.
 * At most one finding per check and request, at the first value that matches.
 *
 * @example
 * const detector = createValueDetector('injection-tokenizers', [sqliSpec, xssSpec]);
 */
export function createValueDetector(name: string, specs: readonly ValueCheckSpec[]): RequestDetector {
  return new ValueDetector(name, specs);
}

// A class rather than closures: `inspect` runs on every request and must not allocate.
class ValueDetector implements RequestDetector {
  readonly name: string;
  readonly #specs: readonly ValueCheckSpec[];
  readonly #filter = new Uint8Array(128);
  readonly #userAgents = new VerdictMemo();
  readonly #referers = new VerdictMemo();
  #pending = 0;
  #event: WebEvent | undefined;
  #source: EventSource | undefined;
  #out: Finding[] = [];

  constructor(name: string, specs: readonly ValueCheckSpec[]) {
    this.name = name;
    this.#specs = specs;
    for (const spec of specs) for (let c = 0; c < 128; c++) this.#filter[c]! |= spec.filter[c]!;
  }

  inspect(event: WebEvent, source: EventSource, out: Finding[]): void {
    this.#pending = (1 << this.#specs.length) - 1;
    this.#event = event;
    this.#source = source;
    this.#out = out;
    forEachValue(event, this.#filter, this.#visit, false);
    if (this.#pending !== 0 && event.userAgent !== '') {
      this.#report('user_agent', this.#userAgents.get(event.userAgent, this.#filter, this.#userAgentVerdicts));
    }
    if (this.#pending !== 0 && event.referer !== '') {
      this.#report('referer', this.#referers.get(event.referer, this.#filter, this.#refererVerdicts));
    }
  }

  readonly #visit = (location: string, text: string, raw: string): boolean => this.#report(location, this.#verdicts(text, raw));
  readonly #userAgentVerdicts = (raw: string): Verdicts => this.#verdicts(normalise(raw, 'other'), raw);
  readonly #refererVerdicts = (raw: string): Verdicts => this.#verdicts(normalise(raw, 'query'), raw);

  #verdicts(text: string, raw: string): Verdicts {
    return this.#specs.map((s) => (passes(raw, s.filter) && s.worth(text) ? s.check(text) : undefined));
  }

  #report(location: string, found: Verdicts): boolean {
    for (let k = 0; k < found.length; k++) {
      const hit = found[k];
      if (hit === undefined || (this.#pending & (1 << k)) === 0) continue;
      this.#pending &= ~(1 << k);
      this.#out.push(valueFinding(this.#specs[k]!, this.#event!, this.#source!, location, hit));
    }
    return this.#pending === 0;
  }
}

const NONE: Verdicts = [];

/** Direct-mapped cache of verdicts by raw value, confirmed with `===` (see PartMemo for why). */
class VerdictMemo {
  readonly #slots = new Array<{ raw: string; found: Verdicts } | undefined>(MEMO_SLOTS).fill(undefined);

  get(raw: string, filter: CharFilter, compute: (raw: string) => Verdicts): Verdicts {
    const slot = sampledHash(raw) & (MEMO_SLOTS - 1);
    const seen = this.#slots[slot];
    if (seen !== undefined && seen.raw === raw) return seen.found;
    const found = passes(raw, filter) ? compute(raw) : NONE;
    this.#slots[slot] = { raw: detachString(raw), found };
    return found;
  }
}

function valueFinding(spec: ValueCheckSpec, event: WebEvent, source: EventSource, location: string, hit: ValueHit): Finding {
  const why = { code: hit.code, params: { ...hit.params, location, fragment: printable(hit.fragment, MAX_REASON_FRAGMENT_CHARS) } };
  return {
    scope: 'request',
    class: spec.class,
    rule: spec.rule,
    severity: spec.severity,
    ip: event.ip,
    ts: event.ts,
    location,
    fragment: printable(hit.fragment, MAX_FRAGMENT_CHARS),
    file: source.file,
    line: source.line,
    windowStart: 0,
    windowEnd: 0,
    reason: webText(why, 'en'),
    why,
  };
}
