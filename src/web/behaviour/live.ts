import type { Store } from '../../store/index.js';
import { earliestOpenFinding, latestEventMs } from '../repository/behaviour-sql.js';
import { detectBehaviour, type BehaviourStats } from './detect-behaviour.js';
import { loadScenarios } from './load-scenarios.js';
import type { Scenario } from './scenario-schema.js';

/** Options of {@link LiveBehaviour}. */
export interface LiveBehaviourOptions {
  /** Seconds between passes. */
  intervalSecs: number;
  /** Hours of the run's latest traffic that the site baselines are read from (default 24). */
  baselineHours?: number;
  scenarios?: Scenario[];
  /** IPv6 clients are grouped per prefix of this many bits (default: `web.ipv6_prefix_bits`'s, 64). */
  ipv6PrefixLen?: number;
  /** Told of each pass that ran (not of the passes skipped because nothing arrived). */
  onPass?: (pass: LivePass) => void;
  /** Work that should follow each pass that ran (the server refreshes clients, origins and campaigns). */
  afterPass?: (pass: LivePass) => Promise<void>;
  /** A failed pass is reported here and the next one runs as planned. */
  onError?: (err: Error) => void;
}

/** What one pass covered and found. */
export interface LivePass extends BehaviourStats {
  /** Event time the pass started from (epoch ms); null for the first pass, over the whole run. */
  from_ms: number | null;
  /** Latest event time of the run when the pass started. */
  latest_ms: number;
}

/** Episodes still open are looked up this many times when widening a pass (each step is one query). */
const MAX_WIDENING_STEPS = 5;

/**
 * Runs the behaviour scenarios again and again while logs are followed or pushed, so a brute
 * force or a flood becomes a client finding minutes after it starts rather than when the
 * follow ends. Each pass reads only the events that can change a verdict: those since the
 * latest event the previous pass saw, less the longest scenario window, widened back to the
 * start of any episode still open there (so an episode is never cut in two). Its findings
 * replace the earlier ones of that span in one transaction; baselines come from the run's
 * last `baselineHours` of traffic.
 *
 * Times are the log's own (event time), so replaying an old log works as following a live one.
 * Passes never overlap; the store must serialise its callers (`LockedStore`), since passes run
 * between the ingest's commits.
 *
 * @example
 * const live = new LiveBehaviour(store, runId, { intervalSecs: 60 });
 * live.start();
 * // ... ingest with follow ...
 * await live.stop(); // one last pass over what arrived since the previous one
 */
export class LiveBehaviour {
  readonly #store: Store;
  readonly #runId: number;
  readonly #options: LiveBehaviourOptions;
  readonly #scenarios: Scenario[];
  readonly #lookbackMs: number;
  #latest: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(store: Store, runId: number, options: LiveBehaviourOptions) {
    this.#store = store;
    this.#runId = runId;
    this.#options = options;
    this.#scenarios = options.scenarios ?? loadScenarios();
    // Twice the longest window: a window holding the newest events starts at most one window
    // back, and its fixed-size bucket at most one more.
    this.#lookbackMs = 2 * Math.max(0, ...this.#scenarios.map((s) => s.window_secs)) * 1000;
  }

  /** Schedules passes every `intervalSecs` until {@link stop}. */
  start(): void {
    if (this.#stopped || this.#timer !== undefined) return;
    // Unref'd: the schedule never keeps a process alive on its own (the follower or the
    // listening server does, for as long as they run).
    const schedule = (): void => {
      this.#timer = setTimeout(tick, this.#options.intervalSecs * 1000).unref();
    };
    const tick = (): void => {
      this.#running = this.#safePass().finally(() => {
        if (!this.#stopped) schedule();
      });
    };
    schedule();
  }

  /** Stops the schedule, waits for a pass in progress, then runs one last pass (`final`: default true). */
  async stop(final = true): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    if (final) await this.#safePass();
  }

  /** One pass over what arrived since the previous; null when nothing did. */
  async pass(): Promise<LivePass | null> {
    const latest = await latestEventMs(this.#store, this.#runId);
    if (latest === null || latest === this.#latest) return null;
    const from = this.#latest === undefined ? undefined : await this.#openEpisodesStart(this.#latest - this.#lookbackMs);
    const stats = await detectBehaviour(this.#store, { runId: this.#runId, ...(from === undefined ? {} : { fromMs: from }) }, {
      scenarios: this.#scenarios,
      baselineScope: { runId: this.#runId, fromMs: latest - (this.#options.baselineHours ?? 24) * 3_600_000 },
      ...(this.#options.ipv6PrefixLen === undefined ? {} : { ipv6PrefixLen: this.#options.ipv6PrefixLen }),
    });
    this.#latest = latest;
    const pass: LivePass = { ...stats, from_ms: from ?? null, latest_ms: latest };
    this.#options.onPass?.(pass);
    await this.#options.afterPass?.(pass);
    return pass;
  }

  async #safePass(): Promise<void> {
    try {
      await this.pass();
    } catch (err) {
      this.#options.onError?.(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** `from`, moved back to the start of any client finding of these scenarios that is still open at `from`. */
  async #openEpisodesStart(from: number): Promise<number> {
    let start = from;
    for (let step = 0; step < MAX_WIDENING_STEPS; step++) {
      const earliest = await earliestOpenFinding(this.#store, this.#runId, start, this.#scenarios.map((s) => s.id)) ?? start;
      if (earliest >= start) return start;
      start = earliest;
    }
    return start;
  }
}
