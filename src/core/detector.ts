import type { WebEvent } from './event.js';
import type { Finding } from './finding.js';

/** Where an event came from, for evidence: the file as named by the user and the 1-based line. */
export interface EventSource {
  file: string;
  line: number;
}

/**
 * A per-request detector. Called once per parsed event on the hot path: it must be cheap
 * on clean traffic (prefilter first) and deterministic. It pushes findings into `out`.
 */
export interface RequestDetector {
  readonly name: string;
  inspect(event: WebEvent, source: EventSource, out: Finding[]): void;
}
