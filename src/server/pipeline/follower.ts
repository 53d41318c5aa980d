import type { Logger } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import type { PipelineCounters } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { ingest, type LogFormat } from '../../web/index.js';
import type { PipelineMetrics } from '../plugins/metrics.js';

/** Options of `vigie serve --follow`. */
export interface FollowOptions {
  files: string[];
  format: LogFormat | 'auto';
  trustProxyHops: number;
  workers: number;
}

/**
 * Follow log files inside the server, as `vigie web analyze --follow` does (same ingest, same
 * checkpoints: a restart neither loses nor repeats a line). Each file is followed on its own,
 * so a quiet file never holds up a busy one; their writes are serialised by the store.
 * Resolves when `signal` aborts and every follower has committed what it read.
 */
export async function followLogs(store: Store, runId: number, options: FollowOptions, metrics: PipelineMetrics, stages: PipelineCounters, log: FastifyBaseLogger | Logger, signal: AbortSignal): Promise<void> {
  await Promise.all(options.files.map(async (file) => {
    let seen = 0;
    try {
      const stats = await ingest(store, runId, [file], {
        format: options.format, follow: true, idleTimeoutSecs: 0, trustProxyHops: options.trustProxyHops,
        workers: options.workers, reprocess: false, detectors: {}, signal,
        onProgress: (p) => {
          metrics.received.inc(Math.max(0, p.lines - seen));
          stages.add('ingest', { received: Math.max(0, p.lines - seen) });
          seen = p.lines;
        },
        onNotice: (message) => log.info({ file }, message),
      });
      metrics.dropped.inc(stats.malformed);
      stages.add('ingest', { emitted: stats.parsed, dropped: stats.malformed + stats.skipped, errors: stats.errors.length });
      stages.add('detect', { received: stats.parsed, emitted: stats.flagged });
      for (const e of stats.errors) {
        metrics.errors.inc();
        log.error({ file }, e);
      }
    } catch (err) {
      metrics.errors.inc();
      stages.add('ingest', { errors: 1 });
      log.error({ file, err: err instanceof Error ? err.message : String(err) }, 'following a log failed');
    }
  }));
}
