import type { Logger } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
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
export async function followLogs(store: Store, runId: number, options: FollowOptions, metrics: PipelineMetrics, log: FastifyBaseLogger | Logger, signal: AbortSignal): Promise<void> {
  await Promise.all(options.files.map(async (file) => {
    let seen = 0;
    try {
      const stats = await ingest(store, runId, [file], {
        format: options.format, follow: true, idleTimeoutSecs: 0, trustProxyHops: options.trustProxyHops,
        workers: options.workers, reprocess: false, detectors: {}, signal,
        onProgress: (p) => {
          metrics.received.inc(Math.max(0, p.lines - seen));
          seen = p.lines;
        },
        onNotice: (message) => log.info({ file }, message),
      });
      metrics.dropped.inc(stats.malformed);
      for (const e of stats.errors) {
        metrics.errors.inc();
        log.error({ file }, e);
      }
    } catch (err) {
      metrics.errors.inc();
      log.error({ file, err: err instanceof Error ? err.message : String(err) }, 'following a log failed');
    }
  }));
}
