import type { EventSource, Finding, RequestDetector, WebEvent } from '../../core/index.js';
import { BaselineLearner, DEFAULT_LIMITS, DEFAULT_SETTINGS, type LearnLimits, type TrainingFigures } from './learner.js';
import type { BaselineModel, BaselineSettings } from './model.js';

/** A request to learn from, with where it came from (for the signature detectors' evidence). */
export interface LearnItem {
  event: WebEvent;
  source: EventSource;
}

export interface LearnOptions {
  /**
   * Whether `event.ip` identifies a client (access logs). Then learning takes two passes over
   * `open()`: the first finds the clients the signature detectors flag, the second learns
   * from everyone else, and facts need several distinct clients. Without clients (request
   * corpora), one pass: only the flagged requests themselves are left out.
   */
  clientsKnown: boolean;
  /** Signature detectors whose findings mark a request (or its client) as not normal. */
  detectors?: readonly RequestDetector[];
  /** Clients already known to be flagged (e.g. by the signature findings of a stored run): one pass, their requests left out. */
  flaggedClients?: ReadonlySet<string>;
  settings?: BaselineSettings;
  limits?: LearnLimits;
}

/** The learned model and the figures of its training. */
export interface LearnResult {
  model: BaselineModel;
  training: TrainingFigures;
}

/**
 * Learn a per-site baseline from traffic that is mostly normal. Requests answered with an
 * error status (400 and up) are left out: a 404 probe is not part of the site's shape. So
 * are requests (or, with clients known, every request of a client) that signatures flag.
 *
 * @example
 * const { model } = await learnBaseline(() => readRequests('normal.jsonl'), { clientsKnown: false, detectors });
 */
export async function learnBaseline(open: () => AsyncIterable<LearnItem> | Iterable<LearnItem>, options: LearnOptions): Promise<LearnResult> {
  const detectors = options.detectors ?? [];
  const flaggedClients = options.flaggedClients ?? (options.clientsKnown && detectors.length > 0 ? await findFlaggedClients(open(), detectors) : null);
  const learner = new BaselineLearner(options.clientsKnown, options.settings ?? DEFAULT_SETTINGS, options.limits ?? DEFAULT_LIMITS);
  const training: TrainingFigures = {
    requests_read: 0, requests_used: 0, requests_ignored_flagged: 0, requests_ignored_status: 0, clients_flagged: flaggedClients?.size ?? 0,
  };
  const found: Finding[] = [];
  for await (const { event, source } of open()) {
    training.requests_read++;
    if (flaggedClients !== null ? flaggedClients.has(event.ip) : isFlagged(event, source, detectors, found)) {
      training.requests_ignored_flagged++;
      continue;
    }
    if (event.status >= 400) {
      training.requests_ignored_status++;
      continue;
    }
    training.requests_used++;
    learner.observe(event);
  }
  return { model: learner.toModel(training), training };
}

async function findFlaggedClients(items: AsyncIterable<LearnItem> | Iterable<LearnItem>, detectors: readonly RequestDetector[]): Promise<Set<string>> {
  const flagged = new Set<string>();
  const found: Finding[] = [];
  for await (const { event, source } of items) {
    if (!flagged.has(event.ip) && isFlagged(event, source, detectors, found)) flagged.add(event.ip);
  }
  return flagged;
}

function isFlagged(event: WebEvent, source: EventSource, detectors: readonly RequestDetector[], found: Finding[]): boolean {
  found.length = 0;
  for (const d of detectors) d.inspect(event, source, found);
  return found.length > 0;
}
