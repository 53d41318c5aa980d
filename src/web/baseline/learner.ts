import type { WebEvent } from '../../core/index.js';
import { endpointModel, pathModel } from './decide.js';
import { BASELINE_VERSION, type BaselineModel, type BaselineSettings } from './model.js';
import { endpointPath, methodFamily, requestParams } from './request-parts.js';
import { newParamState, type EndpointState, type ParamState } from './state.js';
import { clientHash, Tally } from './tally.js';
import { charClasses, TYPE_BITS, typeMask, VALUE_TYPES } from './value-shape.js';
import { poolParams } from './pool.js';

/**
 * Default learning settings. A fact is trusted only with evidence from 3 distinct clients (or
 * 3 requests when clients are unknown) and at least 100 observations; a type must fit 99.5%
 * of the values; an unseen item is reported only where unconfirmed items made up at most 0.2%
 * of the observations (so about 1 request in 500 of normal traffic could trip each check at
 * worst, and most parameters sit far below that: measured 0.0% on CSIC 2010's held-back half).
 */
export const DEFAULT_SETTINGS: BaselineSettings = {
  min_observations: 100,
  min_clients: 3,
  type_share: 0.995,
  closed_share: 0.002,
  max_enum_values: 64,
};

/** Memory bounds of learning: the model never grows past them, whatever the traffic. */
export interface LearnLimits {
  maxEndpoints: number;
  maxParamsPerEndpoint: number;
  maxValuesPerParam: number;
  /** Values longer than this are not kept as possible members of a value set. */
  maxValueChars: number;
}

export const DEFAULT_LIMITS: LearnLimits = { maxEndpoints: 5_000, maxParamsPerEndpoint: 64, maxValuesPerParam: 128, maxValueChars: 64 };

/** Figures about the training data, stored in the model and printed by `web learn`. */
export interface TrainingFigures {
  requests_read: number;
  requests_used: number;
  requests_ignored_flagged: number;
  requests_ignored_status: number;
  clients_flagged: number;
}

/**
 * Learns a per-site baseline from normal requests, one at a time, in bounded memory. Feed it
 * only requests meant to be normal (see `learnBaseline`, which leaves out flagged clients).
 *
 * @example
 * const learner = new BaselineLearner(true);
 * for (const event of events) learner.observe(event);
 * const model = learner.toModel(figures);
 */
export class BaselineLearner {
  readonly #clientsKnown: boolean;
  readonly #settings: BaselineSettings;
  readonly #limits: LearnLimits;
  readonly #endpointKeys: Tally;
  readonly #endpoints = new Map<string, EndpointState>();
  readonly #paths = new Map<string, { requests: number; methods: Tally }>();
  readonly #pathKeys: Tally;

  constructor(clientsKnown: boolean, settings: BaselineSettings = DEFAULT_SETTINGS, limits: LearnLimits = DEFAULT_LIMITS) {
    this.#clientsKnown = clientsKnown;
    this.#settings = settings;
    this.#limits = limits;
    this.#endpointKeys = new Tally(limits.maxEndpoints, settings.min_clients);
    this.#pathKeys = new Tally(limits.maxEndpoints, settings.min_clients);
  }

  /** Learn from one normal request. */
  observe(event: WebEvent): void {
    const client = this.#clientsKnown ? clientHash(event.ip) : -1;
    const method = methodFamily(event.method);
    const path = endpointPath(event.path);
    const key = `${method} ${path}`;
    this.#endpointKeys.add(key, client);
    this.#pathKeys.add(path, client);
    let p = this.#paths.get(path);
    if (p === undefined && this.#paths.size < this.#limits.maxEndpoints) this.#paths.set(path, (p = { requests: 0, methods: new Tally(16, this.#settings.min_clients) }));
    if (p !== undefined) {
      p.requests++;
      p.methods.add(method, client);
    }
    let e = this.#endpoints.get(key);
    if (e === undefined) {
      if (this.#endpoints.size >= this.#limits.maxEndpoints) return;
      e = { method, path, requests: 0, names: new Tally(this.#limits.maxParamsPerEndpoint * 4, this.#settings.min_clients), params: new Map() };
      this.#endpoints.set(key, e);
    }
    this.#observeParams(e, event, client);
  }

  #observeParams(e: EndpointState, event: WebEvent, client: number): void {
    e.requests++;
    const seen = new Set<string>();
    for (const { name, value } of requestParams(event)) {
      if (seen.has(name)) continue;
      seen.add(name);
      e.names.add(name, client);
      let p = e.params.get(name);
      if (p === undefined) {
        if (e.params.size >= this.#limits.maxParamsPerEndpoint) continue;
        p = newParamState(this.#limits.maxValuesPerParam, this.#settings.min_clients);
        e.params.set(name, p);
      }
      observeValue(p, value, client, this.#limits.maxValueChars);
    }
  }

  /** The model learned so far, with the training figures to record in it. */
  toModel(training: TrainingFigures, createdAt = new Date()): BaselineModel {
    const s = this.#settings;
    const known = this.#clientsKnown;
    const confirmedKeys = new Set(this.#endpointKeys.confirmed(known, s.min_clients).map(([k]) => k));
    const confirmedPaths = new Set(this.#pathKeys.confirmed(known, s.min_clients).map(([k]) => k));
    const kept = [...this.#endpoints].filter(([k]) => confirmedKeys.has(k)).map(([, e]) => e);
    const pools = poolParams(kept, s, this.#limits.maxValuesPerParam);
    const endpoints = kept.map((e) => endpointModel(e, s, known, pools));
    const paths = [...this.#paths].filter(([k]) => confirmedPaths.has(k)).map(([path, p]) => pathModel(path, p.requests, p.methods, s, known));
    const total = this.#endpointKeys.total;
    return {
      format: 'vigie-baseline',
      version: BASELINE_VERSION,
      created_at: createdAt.toISOString(),
      clients_known: known,
      settings: { ...s },
      training: { ...training },
      endpoints_closed: total >= s.min_observations && this.#endpointKeys.unconfirmedShare(known, s.min_clients) <= s.closed_share,
      endpoints: endpoints.sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path < b.path ? -1 : 1)),
      paths: paths.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    };
  }
}

function observeValue(p: ParamState, value: string, client: number, maxValueChars: number): void {
  p.n++;
  const mask = typeMask(value);
  for (let i = 0; i < VALUE_TYPES.length; i++) if ((mask & TYPE_BITS[VALUE_TYPES[i]!]) !== 0) p.fits[i]!++;
  if (value.length <= maxValueChars) p.values.add(value, client);
  else p.values.skip();
  p.lengths.add(String(value.length), client);
  for (const c of charClasses(value)) p.chars.add(c, client);
}
