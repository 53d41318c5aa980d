import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../../store/index.js';
import { attributeArrivals, ingest, type IngestStats, type LogFormat } from '../../web/index.js';
import type { OriginsSource, PipelineCounters } from '../../core/index.js';
import type { ArrivalGate } from './arrival-gate.js';
import type { PipelineMetrics } from '../plugins/metrics.js';

/** Figures of one pushed batch, returned once it is committed. */
export interface BatchResult {
  received: number;
  parsed: number;
  malformed: number;
  skipped: number;
  /** Events committed (acknowledged lines are in the store). */
  stored: number;
  flagged: number;
  errors: string[];
}

/**
 * Pushed log lines (POST /api/ingest) go through the same pipeline as a log file: they are
 * appended to a spool file per source, and that file is ingested from its checkpoint. So the
 * answer is sent only after the batch is committed with its checkpoint ("acknowledged =
 * committed"), and a crash between the append and the commit loses nothing: the next batch
 * (or restart) ingests the spooled lines from the checkpoint. One batch per source at a time.
 */
export class Spool {
  readonly dir: string;
  #store: Store;
  #runId: number;
  #metrics: PipelineMetrics;
  #stages: PipelineCounters;
  #busy = new Map<string, Promise<unknown>>();
  #origins: (() => OriginsSource) | null;
  #arrivals: ArrivalGate | null;

  /**
   * `origins`: where addresses get their origin on arrival (null: not attributed, `--no-geo`);
   * `arrivals`: the gate the live stream waits on while a batch is stored and attributed.
   */
  constructor(dir: string, store: Store, runId: number, metrics: PipelineMetrics, stages: PipelineCounters,
    arrival: { origins: (() => OriginsSource) | null; gate: ArrivalGate | null } = { origins: null, gate: null }) {
    this.dir = dir;
    this.#store = store;
    this.#runId = runId;
    this.#metrics = metrics;
    this.#stages = stages;
    this.#origins = arrival.origins;
    this.#arrivals = arrival.gate;
  }

  /** Append `lines` to source `name` and ingest them; resolves after the commit. */
  push(name: string, lines: Buffer, format: LogFormat | 'auto'): Promise<BatchResult> {
    const previous = this.#busy.get(name) ?? Promise.resolve();
    const work = (): Promise<BatchResult> => (this.#arrivals ? this.#arrivals.track(this.#push(name, lines, format)) : this.#push(name, lines, format));
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    this.#busy.set(name, settled);
    void settled.then(() => {
      if (this.#busy.get(name) === settled) this.#busy.delete(name);
    });
    return run;
  }

  async #push(name: string, lines: Buffer, format: LogFormat | 'auto'): Promise<BatchResult> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, `${name}.log`);
    // A batch always ends a line, so the next batch never glues onto its last line.
    const data = lines.length > 0 && lines[lines.length - 1] !== 0x0a ? Buffer.concat([lines, Buffer.from('\n')]) : lines;
    const received = countLines(data);
    this.#metrics.received.inc(received);
    if (received === 0) return { received, parsed: 0, malformed: 0, skipped: 0, stored: 0, flagged: 0, errors: [] };
    await appendFile(path, data, { mode: 0o600 });
    let stats: IngestStats;
    try {
      stats = await this.#stages.time('ingest', () => ingest(this.#store, this.#runId, [path], {
        format, follow: false, idleTimeoutSecs: 0, trustProxyHops: 0, workers: 0, reprocess: false, detectors: {},
      }));
    } catch (err) {
      this.#metrics.errors.inc();
      throw err;
    }
    this.#stages.add('ingest', { received, emitted: stats.parsed, dropped: stats.malformed + stats.skipped, errors: stats.errors.length });
    await this.#attribute(path, stats);
    this.#stages.add('detect', { received: stats.parsed, emitted: stats.flagged });
    this.#metrics.dropped.inc(stats.malformed);
    if (stats.errors.length > 0) this.#metrics.errors.inc(stats.errors.length);
    return { received, parsed: stats.parsed, malformed: stats.malformed, skipped: stats.skipped, stored: stats.parsed, flagged: stats.flagged, errors: stats.errors };
  }

  /**
   * The batch's new addresses get their origin now, so the live view and the findings show
   * origin and country on arrival. A failure is counted, not thrown: the lines are stored, and
   * the next behaviour pass attributes them all the same.
   */
  async #attribute(path: string, stats: IngestStats): Promise<void> {
    if (this.#origins === null || stats.parsed === 0) return;
    const origins = this.#origins;
    const afterLine = stats.files[0]?.resumed_at_line ?? 0;
    try {
      const attributed = await this.#stages.time('origins', () => attributeArrivals(this.#store, origins().attributor, { runId: this.#runId, path, afterLine }));
      this.#stages.add('origins', { received: attributed, emitted: attributed });
    } catch {
      // Counted as an error of the stage by time().
    }
  }
}

function countLines(data: Buffer): number {
  let n = 0;
  for (let i = data.indexOf(0x0a); i >= 0; i = data.indexOf(0x0a, i + 1)) n++;
  return n;
}
