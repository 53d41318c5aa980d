import type { FastifyInstance } from 'fastify';
import type { ModuleHttpContext } from '../core/module/index.js';
import { TipsRepository } from './repository.js';

/** What one retention pass removed: counts, never a report's id or content. */
export interface RetentionPass {
  /** Reports past the retention period, in no case, deleted with their keys, messages and files. */
  removed: number;
  /** Reports past the retention period that a case keeps. */
  kept_in_cases: number;
  retention_days: number;
}

export interface RetentionJobOptions {
  /** One pass at `now`: the ids removed and how many old reports cases keep (TipsRepository.purgeOlderThan). */
  purge: (now: Date) => Promise<{ removed: string[]; kept: number }>;
  retentionDays: number;
  intervalHours: number;
  log: (pass: RetentionPass) => void;
  onError?: (err: Error) => void;
}

/**
 * The daily retention job inside `vigie serve`: a pass at start, then one every
 * `intervalHours` (GlobaLeaks' `Cleaning` job runs daily too). The clock is a parameter:
 * `tick(now)` runs a pass when one is due at `now`, so a test moves time by passing dates,
 * never by sleeping. `vigie tips purge` does the same pass once, for cron.
 *
 * @example
 * const job = new RetentionJob({ purge: (now) => repo.purgeOlderThan(90, now), retentionDays: 90, intervalHours: 24, log });
 * await job.tick(new Date('2026-12-07T00:00:00Z')); // runs (the first pass)
 * await job.tick(new Date('2026-12-07T12:00:00Z')); // null: not due before 2026-12-08T00:00Z
 */
export class RetentionJob {
  readonly #o: RetentionJobOptions;
  #due: number | null = null;
  #running: Promise<RetentionPass | null> | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: RetentionJobOptions) {
    this.#o = options;
  }

  /** When the next pass is due (ms since the epoch), or null before the first. */
  get dueAt(): number | null {
    return this.#due;
  }

  /** Run a pass if one is due at `now` (the first always is); its counts, or null when none ran. */
  async tick(now: Date): Promise<RetentionPass | null> {
    if (this.#running || (this.#due !== null && now.getTime() < this.#due)) return null;
    this.#running = (async () => {
      try {
        const { removed, kept } = await this.#o.purge(now);
        const pass = { removed: removed.length, kept_in_cases: kept, retention_days: this.#o.retentionDays };
        this.#o.log(pass);
        return pass;
      } catch (err) {
        this.#o.onError?.(err instanceof Error ? err : new Error(String(err)));
        return null;
      } finally {
        // A failed pass is tried again at the next interval, not in a tight loop.
        this.#due = now.getTime() + this.#o.intervalHours * 3_600_000;
      }
    })();
    try {
      return await this.#running;
    } finally {
      this.#running = null;
    }
  }

  /** A pass now, then a look every hour (or every interval, if shorter) for the next due one. */
  start(clock: () => Date = () => new Date()): void {
    void this.tick(clock());
    const every = Math.min(this.#o.intervalHours * 3_600_000, 3_600_000);
    this.#timer = setInterval(() => void this.tick(clock()), every);
    this.#timer.unref();
  }

  /** Stop looking; waits for a pass under way. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}

/** Runs the retention job for the lifetime of the server (`tips.purge_every_hours`, 0: never; then use `vigie tips purge`). */
export function retentionHooks(app: FastifyInstance, ctx: ModuleHttpContext): void {
  const intervalHours = ctx.config.get<number>('tips.purge_every_hours');
  if (intervalHours <= 0) return;
  const retentionDays = ctx.config.get<number>('tips.retention_days');
  const repo = new TipsRepository(ctx.database);
  const job = new RetentionJob({
    purge: (now) => repo.purgeOlderThan(retentionDays, now),
    retentionDays, intervalHours,
    log: (pass) => app.log.info({ module: 'tips', ...pass }, `tips retention: ${pass.removed} report(s) older than ${pass.retention_days} days removed, ${pass.kept_in_cases} kept in cases`),
    onError: (err) => app.log.error({ module: 'tips', err: err.message.split('\n')[0] }, 'tips retention pass failed'),
  });
  app.addHook('onReady', async () => job.start());
  app.addHook('onClose', async () => job.stop());
}
