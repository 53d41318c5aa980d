import v8 from 'node:v8';
import { availableParallelism } from 'node:os';
import { PipelineCounters, type OriginsSource } from '../../core/index.js';
import { DEFAULT_MEMORY_LIMIT_MB, migrateModule, openStore, LockedStore, type Store } from '../../store/index.js';
import { WEB_MIGRATIONS } from '../repository/migrations.js';
import { loadBaseline } from '../baseline/index.js';
import { detectBehaviour, LiveBehaviour, type LivePass } from '../behaviour/index.js';
import { findCampaigns } from '../campaigns/index.js';
import { detectDistributed } from '../distributed/index.js';
import type { LogFormat } from '../formats/index.js';
import { INGEST_MEMORY_LIMIT_MB } from '../ingest/batch-committer.js';
import { checkInputs } from '../ingest/format-check.js';
import { ingest, type IngestProgress, type IngestStats } from '../ingest/ingest.js';
import { attributeClients, originFigures } from '../origins/index.js';
import { setAsideOwnResources, type SetAsideStats } from '../site/index.js';
import { clientFindingCount } from '../repository/behaviour-findings.js';
import { markStep, pendingRuns, stepDone, type PostIngestStep } from '../repository/step-watermarks.js';
import { refreshAllClients, resumableAttribution } from './resumable-steps.js';
import { PhaseClock, round } from './phase-clock.js';
import type { AnalyzeSummary, GeoDataSummary } from './summary.js';
import { warmupBaseline } from './warmup-notice.js';

/** What an analysis reads and how; every field a `web analyze` flag. */
export interface AnalyzeOptions {
  files: string[];
  format: LogFormat | 'auto';
  db: string;
  follow: boolean;
  idleTimeoutSecs: number;
  trustProxyHops: number;
  /** Parsing threads; left out: {@link defaultWorkers} for these inputs. */
  workers?: number;
  reprocess: boolean;
  /**
   * The attribution data, loaded when attribution starts (after behaviour: the two together
   * made the 10M-line memory peak); null skips origin attribution (`--no-geo`).
   */
  origins: (() => OriginsSource) | null;
  /** Run the behaviour scenarios (rules/behaviour) after ingest; default true (`--no-behaviour`). */
  behaviour?: boolean;
  /** With `follow`: seconds between behaviour passes over the lines that arrived (default 60). */
  behaviourEverySecs?: number;
  /** Behaviour and campaigns count IPv6 clients per prefix of this many bits (default 64; events keep the address). */
  ipv6PrefixLen?: number;
  /** A baseline file (`vigie web learn`): its anomalies are reported too. */
  baseline?: string;
  /** Learn a baseline from the first N requests of the run, then check the rest (0: off). */
  learnWarmup?: number;
  /** Notices (resumed files, rotations, behaviour found while following). */
  onNotice?: (message: string) => void;
  /** Reading progress (a progress bar). */
  onProgress?: (p: IngestProgress) => void;
  /** Following: a notice each time a file's new lines are all stored (`--verbose`). */
  verbose?: boolean;
  signal?: AbortSignal;
}

/**
 * The web analysis end to end: ingest (read, parse, detect, store), behaviour, clients,
 * origins, campaigns. The one pipeline `web analyze`, `vigie demo` and the benchmarks run; the
 * server runs the same steps over followed and pushed lines ({@link liveAnalysis}). Each stage
 * counts what it received, emitted, dropped and failed on (`stages` in the summary).
 */
export async function analyzeLogs(options: AnalyzeOptions): Promise<AnalyzeSummary> {
  const started = process.hrtime.bigint();
  const counters = new PipelineCounters();
  // A missing file or inputs none of which can be read: one error line, and no database created.
  const inputs = await checkInputs(options.files, options.format);
  const workers = options.workers ?? defaultWorkers(options.follow ? undefined : inputs);
  // One DuckDB thread: while the parsing worker keeps the other core busy, two DuckDB threads
  // fighting it for the same two cores cost a fifth more CPU (1M-line bench: 23.9 s user, 18.5 s
  // wall with one; 28.8 s user, 20.9 s wall with two). Behaviour over 10M lines would take 14 s
  // instead of 26 s on two threads, but then ran out of DuckDB's 96 MB (measured): one it is.
  const duck = await openStore(options.db, { threads: 1, memoryLimitMb: options.follow ? undefined : INGEST_MEMORY_LIMIT_MB });
  try {
    const moduleDb = await duck.moduleDatabase();
    try {
      await migrateModule(moduleDb, 'web', WEB_MIGRATIONS); // the step watermarks
    } finally {
      await moduleDb.close();
    }
  } catch (err) {
    await duck.close();
    throw err;
  }
  // Following, behaviour passes run between the ingest's commits: one caller at a time.
  const store: Store = options.follow ? new LockedStore(duck) : duck;
  const notice = options.onNotice ?? ((m: string) => process.stderr.write(`vigie: ${m}\n`));
  let live: LiveBehaviour | undefined;
  try {
    if (options.baseline !== undefined) await loadBaseline(options.baseline); // a bad file: one line, before any work
    const runId = await store.beginRun({ command: 'web analyze', args: options.files });
    if (options.follow && options.behaviour !== false) {
      live = new LiveBehaviour(store, runId, {
        intervalSecs: options.behaviourEverySecs ?? 60,
        ...(options.ipv6PrefixLen === undefined ? {} : { ipv6PrefixLen: options.ipv6PrefixLen }),
        onPass: (pass) => {
          if (pass.findings > 0) notice(passWords(pass));
        },
        onError: (err) => notice(`behaviour pass failed: ${err.message.split('\n')[0]!} (the next one runs as planned)`),
      });
      live.start();
    }
    const stats = await counters.time('ingest', () => ingest(store, runId, options.files, {
      format: options.format,
      follow: options.follow,
      idleTimeoutSecs: options.idleTimeoutSecs,
      trustProxyHops: options.trustProxyHops,
      workers,
      reprocess: options.reprocess,
      detectors: options.baseline !== undefined ? { baselinePath: options.baseline } : {},
      signal: options.signal,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      onNotice: notice,
      ...(options.verbose ? { onCaughtUp: (file: string, line: number) => notice(`${file}: stored through line ${line.toLocaleString('en-CA')}; waiting for more`) } : {}),
    }));
    countIngest(counters, stats);
    const phases = new PhaseClock(started);
    phases.lap('ingest');
    // The steps after the ingest read whole runs: DuckDB gets its default limit back, and V8
    // grows this thread's heap in small steps (by default it lets garbage double the heap
    // first). 10M lines: attribution had lifted the peak from 559 MB to 681 MB; with this no
    // step after the ingest went above it, and attribution took 15 s against 17 s.
    if (!options.follow) await duck.setMemoryLimit(DEFAULT_MEMORY_LIMIT_MB);
    v8.setFlagsFromString('--heap-growing-percent=20');
    if (options.learnWarmup) notice(await warmupBaseline(store, runId, options.learnWarmup));
    const step = (name: PostIngestStep, what: string): void => {
      if (options.verbose) notice(`step ${name}: ${what}`);
    };
    // Earlier runs killed after their lines were stored are completed first, then this one:
    // their findings are then the ones an uninterrupted run would have stored (watermarks in
    // web_step_watermarks, committed with each step's results).
    const perRun: PostIngestStep[] = options.behaviour === false ? ['site'] : ['site', 'behaviour'];
    const runs = await pendingRuns(store, runId, perRun);
    if (!runs.includes(runId)) runs.push(runId);
    const resumed = runs.filter((r) => r !== runId);
    if (resumed.length > 0) notice(`completing the analysis of earlier run${resumed.length === 1 ? '' : 's'} ${resumed.join(', ')}, cut short after its lines were stored`);
    // What the site serves and links itself is not an attack on it: before behaviour and the
    // client table count flagged requests (web/site).
    const setAside = await counters.time('site', async () => {
      let mine: SetAsideStats = { findings: 0, requests: 0, by_rule: {} };
      for (const r of runs) {
        if (await stepDone(store, 'site', r)) continue;
        step('site', `started (run ${r})`);
        const stats = await setAsideOwnResources(store, r, { commitWith: markStep('site', r, null, true) });
        if (r === runId) mine = stats;
      }
      return mine;
    });
    counters.add('site', { received: stats.flagged, dropped: setAside.findings });
    phases.lap('site');
    // Per-client windows need every line of a client, which the parsing workers never see
    // together: behaviour runs over the stored run, before clients and campaigns are counted.
    // Following, the passes have covered all but the last lines: one more pass covers those.
    const behaviour = options.behaviour === false ? null : await counters.time('behaviour', async () => {
      if (live) {
        await live.stop();
        await store.transaction(markStep('behaviour', runId, null, true));
      }
      for (const r of runs) {
        if (await stepDone(store, 'behaviour', r)) continue;
        step('behaviour', `started (run ${r})`);
        await detectBehaviour(store, { runId: r }, { ipv6PrefixLen: options.ipv6PrefixLen, commitWith: markStep('behaviour', r, null, true) });
      }
      return { findings: await clientFindingCount(store, runId) };
    });
    counters.add('behaviour', { received: stats.parsed, emitted: behaviour?.findings ?? 0 });
    phases.lap('behaviour');
    const figures = await counters.time('clients', async () => {
      await refreshAllClients(store, (what) => step('clients', what));
      return store.runFigures(runId, 10);
    });
    counters.add('clients', { received: stats.parsed, emitted: figures.clients });
    phases.lap('clients');
    // Site-level excesses (credential stuffing, distributed scan or flood) over everything
    // stored: what no single address shows. Their addresses become campaigns below.
    const site = await counters.time('distributed', () => detectDistributed(store, runId));
    counters.add('distributed', { received: stats.parsed, emitted: site.length });
    phases.lap('distributed');
    // Loaded only now, not while behaviour runs: the two together made the 10M-line peak.
    const origins = options.origins === null ? null : await counters.time('origins', () => {
      step('origins', 'started');
      return attributeOrigins(store, runId, options.origins!(), counters);
    });
    phases.lap('origins');
    const { campaigns } = await counters.time('campaigns', async () => {
      step('campaigns', 'started');
      return findCampaigns(store, { ipv6PrefixLen: options.ipv6PrefixLen, home: origins?.geoData.home, commitWith: markStep('campaigns', null, null, true) });
    });
    counters.add('campaigns', { received: figures.clients_flagged, emitted: campaigns.length });
    phases.lap('campaigns');
    const secs = Number(process.hrtime.bigint() - started) / 1e9;
    const summary: AnalyzeSummary = {
      lines: stats.lines,
      parsed: stats.parsed,
      malformed: stats.malformed,
      skipped: stats.skipped,
      malformed_samples: stats.malformed_samples,
      requests_flagged: figures.requests_flagged,
      clients: figures.clients,
      clients_flagged: figures.clients_flagged,
      findings_by_class: figures.findings_by_class,
      client_findings: behaviour?.findings ?? 0,
      site_findings: site.map((f) => f.finding),
      findings_set_aside: setAside,
      top_clients: figures.top_clients,
      origins: origins?.figures.origins ?? null,
      origin_shares: origins?.figures.shares ?? null,
      by_country: origins?.figures.by_country ?? null,
      campaigns,
      geo_data: origins?.geoData ?? null,
      duration_secs: round(secs, 3),
      phase_secs: phases.secs,
      phase_peak_rss_mb: phases.peakRssMb,
      lines_per_sec: Math.round(stats.lines / Math.max(secs, 1e-6)),
      peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
      files: stats.files,
      errors: stats.errors,
      db: store.location,
      run_id: runId,
      resumed_runs: resumed,
      stages: counters.toJSON(),
    };
    await store.finishRun(runId, summary);
    return summary;
  } finally {
    await live?.stop(false);
    await store.close();
  }
}

/**
 * Below this many bytes of plain files, lines are parsed on the main thread: a worker thread
 * loads the parsers and compiles the rules again, about 0.9 s of CPU (measured on a 17-line log:
 * 2.7 s of CPU with a worker, 1.8 s without), more than parsing a few megabytes costs.
 */
export const SMALL_INPUT_BYTES = 4 << 20;

/**
 * Parsing threads by default: one core is left to DuckDB, which loads each batch on its own
 * threads while the next is parsed (on 2 cores, 1 worker matched 2 in speed with ~100 MB less
 * memory, measured on 3M lines). Given the inputs: none for a few plain files that are small
 * ({@link SMALL_INPUT_BYTES}); standard input and gzip files may be any size.
 */
export function defaultWorkers(inputs?: readonly { path: string; gzip: boolean; size: number }[]): number {
  if (inputs && inputs.every((i) => i.path !== '-' && !i.gzip && i.size >= 0) && inputs.reduce((n, i) => n + i.size, 0) < SMALL_INPUT_BYTES) return 0;
  return Math.max(1, Math.min(availableParallelism() - 1, 4));
}

/** The ingest's figures as the stages they are: reading and parsing lines, detecting in requests. */
function countIngest(counters: PipelineCounters, stats: IngestStats): void {
  counters.add('ingest', { received: stats.lines, emitted: stats.parsed, dropped: stats.malformed + stats.skipped, errors: stats.errors.length });
  counters.add('detect', { received: stats.parsed, emitted: stats.flagged });
}

/**
 * One line for a behaviour pass that found something while following.
 *
 * @example
 * passWords(pass) // 'behaviour: 2 client findings in the traffic since 2026-11-28T04:10:00.000Z (login-brute-force 1, scanning-4xx 1)'
 */
function passWords(pass: LivePass): string {
  const rules = Object.entries(pass.findings_by_rule).map(([rule, n]) => `${rule} ${n}`).join(', ');
  const since = pass.from_ms === null ? 'in the traffic so far' : `in the traffic since ${new Date(pass.from_ms).toISOString()}`;
  return `behaviour: ${pass.findings} client finding${pass.findings === 1 ? '' : 's'} ${since} (${rules})`;
}

/**
 * Attributes every client not yet attributed with this data, after ingest (the geolocation
 * data is loaded only then), and computes the run's origin figures.
 */
async function attributeOrigins(store: Store, runId: number, source: OriginsSource, counters: PipelineCounters): Promise<{ figures: Awaited<ReturnType<typeof originFigures>>; geoData: GeoDataSummary }> {
  const stats = await attributeClients(store, source.attributor, { dataVersion: source.dataVersion, progress: await resumableAttribution(store, source.dataVersion) });
  counters.add('origins', { received: stats.attributed + stats.current, emitted: stats.attributed });
  const geoData: GeoDataSummary = {
    ...source.data,
    clients_attributed: stats.attributed,
    attribution_secs: Math.round(stats.total_secs * 1000) / 1000,
  };
  return { figures: await originFigures(store, runId), geoData };
}
