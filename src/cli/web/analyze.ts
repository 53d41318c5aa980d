import v8 from 'node:v8';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { DBIP_ATTRIBUTION, VigieError } from '../../core/index.js';
import { dataStatus, defaultUserDataDir, GeoAttributor, staleWarning } from '../../geo/index.js';
import { DEFAULT_MEMORY_LIMIT_MB, DuckDbStore, LockedStore, type Store } from '../../store/index.js';
import { attributeClients, detectBehaviour, findCampaigns, ingest, INGEST_MEMORY_LIMIT_MB, LiveBehaviour, LOG_FORMATS, originFigures, setAsideOwnResources, type LivePass, type LogFormat } from '../../web/index.js';
import { homeOption, intOption, normaliseTrustProxy, parseCommandArgs } from '../args.js';
import { ProgressBar } from '../progress.js';
import { loadBaseline } from '../../web/baseline/index.js';
import { warmupBaseline } from './learn.js';
import { StatusFile } from './status-file.js';
import { printSummary, type AnalyzeSummary, type GeoDataSummary } from './summary.js';

export interface AnalyzeOptions {
  files: string[];
  format: LogFormat | 'auto';
  db: string;
  follow: boolean;
  idleTimeoutSecs: number;
  trustProxyHops: number;
  workers: number;
  reprocess: boolean;
  progress: boolean;
  /** Country that counts as domestic (default CA); null skips origin attribution (`--no-geo`). */
  home?: string | null;
  /** Run the behaviour scenarios (rules/behaviour) after ingest; default true (`--no-behaviour`). */
  behaviour?: boolean;
  /** With `follow`: seconds between behaviour passes over the lines that arrived (default 60). */
  behaviourEverySecs?: number;
  /** A baseline file (`vigie web learn`): its anomalies are reported too. */
  baseline?: string;
  /** Learn a baseline from the first N requests of the run, then check the rest (0: off). */
  learnWarmup?: number;
  /** Called for notices (resumed files, rotations). */
  onNotice?: (message: string) => void;
  /** `--status-file`: how far each file is stored, rewritten after every stored batch. */
  statusFile?: string;
  signal?: AbortSignal;
}

export const ANALYZE_HELP = `Usage: vigie web analyze FILE... [options]

Reads access logs (plain, .gz, '-' for stdin, globs), detects attacks, stores events and
findings, and prints a summary.

Options:
  --format F             auto (default), ${LOG_FORMATS.join(', ')}
  --db PATH              database file (default ./vigie.duckdb)
  --json OUT             also write the summary as JSON to OUT ('-' for stdout)
  --follow               keep reading as the logs grow; survives rotation (Ctrl-C to stop)
  --idle-timeout-secs N  with --follow: stop after N seconds without new lines on any
                         followed file (a file rotation renamed away included)
  --status-file PATH     rewrite PATH after every stored batch with how many lines of each
                         file are stored (JSON, for monitoring a follower)
  --trust-proxy [N]      take the client from X-Forwarded-For, trusting N proxies (default 1)
  --workers N            parsing threads (default: cores - 1, at most 4; 0 = main thread)
  --reprocess            analyse files again that were analysed before
  --home CC              the country that counts as domestic (default CA)
  --no-geo               do not attribute client origins (campaigns are still grouped)
  --no-behaviour         skip per-client behaviour detection (scanning, brute force, floods...)
  --behaviour-every N    with --follow: look for behaviour every N seconds (default 60), over
                         what arrived since the last look
  --baseline FILE        also report requests that leave a baseline (vigie web learn)
  --learn-warmup N       no baseline at hand: learn one from the run's first N requests
                         (after the ingest, leaving out flagged clients), check the rest
  --quiet                no progress bar, no summary (use with --json)
  -h, --help             this help`;

/** Run an analysis end to end and return its summary. Used by `web analyze` and `demo`. */
export async function analyzeLogs(options: AnalyzeOptions): Promise<AnalyzeSummary> {
  const started = process.hrtime.bigint();
  const bar = new ProgressBar(options.progress);
  const notice = (m: string): void => (options.onNotice ? options.onNotice(m) : bar.notice(m));
  // A status file that cannot be written fails before the database is even opened.
  const status = options.statusFile === undefined ? undefined : new StatusFile(options.statusFile, notice);
  // One DuckDB thread: while the parsing worker keeps the other core busy, two DuckDB threads
  // fighting it for the same two cores cost a fifth more CPU (1M-line bench: 23.9 s user, 18.5 s
  // wall with one; 28.8 s user, 20.9 s wall with two). Behaviour over 10M lines would take 14 s
  // instead of 26 s on two threads, but then ran out of DuckDB's 96 MB (measured): one it is.
  const duck = await DuckDbStore.open(options.db, { threads: 1, memoryLimitMb: options.follow ? undefined : INGEST_MEMORY_LIMIT_MB });
  // Following, behaviour passes run between the ingest's commits: one caller at a time.
  const store: Store = options.follow ? new LockedStore(duck) : duck;
  let live: LiveBehaviour | undefined;
  try {
    if (options.baseline !== undefined) await loadBaseline(options.baseline); // a bad file: one line, before any work
    const runId = await store.beginRun({ command: 'web analyze', args: options.files });
    if (options.follow && options.behaviour !== false) {
      live = new LiveBehaviour(store, runId, {
        intervalSecs: options.behaviourEverySecs ?? 60,
        onPass: (pass) => {
          if (pass.findings > 0) notice(passWords(pass));
        },
        onError: (err) => notice(`behaviour pass failed: ${err.message.split('\n')[0]!} (the next one runs as planned)`),
      });
      live.start();
    }
    const stats = await ingest(store, runId, options.files, {
      format: options.format,
      follow: options.follow,
      idleTimeoutSecs: options.idleTimeoutSecs,
      trustProxyHops: options.trustProxyHops,
      workers: options.workers,
      reprocess: options.reprocess,
      detectors: options.baseline !== undefined ? { baselinePath: options.baseline } : {},
      signal: options.signal,
      onProgress: (p) => bar.update(p.file, p.bytesDone, p.bytesTotal, p.lines),
      onNotice: notice,
      onStored: status && ((s) => status.stored(s)),
    });
    bar.clear();
    const phases = new PhaseClock(started);
    phases.lap('ingest');
    // The steps after the ingest read whole runs: DuckDB gets its default limit back, and V8
    // grows this thread's heap in small steps (by default it lets garbage double the heap
    // first). 10M lines: attribution had lifted the peak from 559 MB to 681 MB; with this no
    // step after the ingest went above it, and attribution took 15 s against 17 s.
    if (!options.follow) await duck.setMemoryLimit(DEFAULT_MEMORY_LIMIT_MB);
    v8.setFlagsFromString('--heap-growing-percent=20');
    if (options.learnWarmup) (options.onNotice ?? ((m: string) => process.stderr.write(`vigie: ${m}\n`)))(await warmupBaseline(store, runId, options.learnWarmup));
    // What the site serves and links itself is not an attack on it: before behaviour and the
    // client table count flagged requests (web/site).
    const setAside = await setAsideOwnResources(store, runId);
    phases.lap('site');
    // Per-client windows need every line of a client, which the parsing workers never see
    // together: behaviour runs over the stored run, before clients and campaigns are counted.
    // Following, the passes have covered all but the last lines: one more pass covers those.
    const behaviourDone = options.behaviour === false ? Promise.resolve(null)
      : live ? live.stop().then(async () => ({ findings: await clientFindings(store, runId) })) : detectBehaviour(store, { runId });
    const behaviour = await behaviourDone;
    // Loaded only now, not while behaviour runs: the two together made the 10M-line peak.
    const geo = options.home === null ? null : loadGeo(options.home ?? 'CA');
    phases.lap('behaviour');
    await store.refreshClients();
    const figures = await store.runFigures(runId, 10);
    phases.lap('clients');
    const origins = geo === null ? null : await attributeOrigins(store, runId, geo);
    phases.lap('origins');
    const { campaigns } = await findCampaigns(store);
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
      findings_set_aside: setAside,
      top_clients: figures.top_clients,
      origins: origins?.figures.origins ?? null,
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
    };
    await store.finishRun(runId, summary);
    return summary;
  } finally {
    await live?.stop(false);
    bar.clear();
    await store.close();
  }
}

/** Client findings stored for a run (all passes of a follow together). */
async function clientFindings(store: Store, runId: number): Promise<number> {
  const [row] = await store.query("SELECT count(*) AS n FROM findings WHERE run_id = $run AND scope = 'client'", { run: runId });
  return Number(row?.n ?? 0);
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

/** The attributor for `home`, its IPv4 data and network lists loaded now rather than at first use. */
export function loadGeo(home: string): { geo: GeoAttributor; home: string } {
  // Each client is attributed once here, so a large result cache would only hold memory.
  const geo = new GeoAttributor({ home, dataDir: defaultUserDataDir(), cacheEntries: 4096 });
  geo.attribute('8.8.8.8');
  return { geo, home };
}

/** What stored attributions depend on: the home country and each data file's date. */
export function originsDataVersion(home: string, files: ReturnType<typeof dataStatus>): string {
  return [home, ...files.map((f) => `${f.name}:${f.date ?? '-'}`)].join('|');
}

/**
 * Attributes every client not yet attributed with this data, after ingest (the geolocation
 * data is loaded only then), and computes the run's origin figures.
 */
async function attributeOrigins(store: Store, runId: number, { geo, home }: { geo: GeoAttributor; home: string }): Promise<{ figures: Awaited<ReturnType<typeof originFigures>>; geoData: GeoDataSummary }> {
  const files = dataStatus(geo.data.paths, new Date());
  const stats = await attributeClients(store, geo, { dataVersion: originsDataVersion(home, files) });
  const geoData: GeoDataSummary = {
    home,
    files: files.map((f) => ({ name: f.name, date: f.date, age_days: f.ageDays, source: f.source })),
    warning: staleWarning(files),
    attribution: `${DBIP_ATTRIBUTION.text} (${DBIP_ATTRIBUTION.url}), ${DBIP_ATTRIBUTION.licence}`,
    clients_attributed: stats.attributed,
    attribution_secs: Math.round(stats.total_secs * 1000) / 1000,
  };
  return { figures: await originFigures(store, runId), geoData };
}

/** `vigie web analyze FILE... [options]` */
export async function webAnalyzeCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('web analyze', normaliseTrustProxy(argv), {
    format: { type: 'string', default: 'auto' },
    db: { type: 'string', default: './vigie.duckdb' },
    json: { type: 'string' },
    follow: { type: 'boolean', default: false },
    'idle-timeout-secs': { type: 'string' },
    'trust-proxy': { type: 'string' },
    workers: { type: 'string' },
    reprocess: { type: 'boolean', default: false },
    baseline: { type: 'string' },
    'learn-warmup': { type: 'string' },
    home: { type: 'string', default: 'CA' },
    'no-geo': { type: 'boolean', default: false },
    'no-behaviour': { type: 'boolean', default: false },
    'behaviour-every': { type: 'string' },
    'status-file': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(ANALYZE_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new VigieError('VIGIE_ERR_USAGE', 'web analyze: name at least one log file (or - for stdin); see vigie web analyze --help');
  const format = values.format as string;
  if (format !== 'auto' && !(LOG_FORMATS as readonly string[]).includes(format)) {
    throw new VigieError('VIGIE_ERR_USAGE', `web analyze: unknown --format '${format}'; use auto, ${LOG_FORMATS.join(', ')}`);
  }
  const home = homeOption('web analyze', values.home as string);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const summary = await analyzeLogs({
      files: positionals,
      format: format as LogFormat | 'auto',
      db: values.db as string,
      follow: values.follow as boolean,
      idleTimeoutSecs: intOption('web analyze', 'idle-timeout-secs', values['idle-timeout-secs'] as string | undefined, 0, 0, 86_400 * 365),
      trustProxyHops: values['trust-proxy'] === undefined ? 0 : intOption('web analyze', 'trust-proxy', values['trust-proxy'] as string, 1, 1, 16),
      workers: intOption('web analyze', 'workers', values.workers as string | undefined, defaultWorkers(), 0, 64),
      reprocess: values.reprocess as boolean,
      home: values['no-geo'] ? null : home,
      behaviour: !values['no-behaviour'],
      behaviourEverySecs: intOption('web analyze', 'behaviour-every', values['behaviour-every'] as string | undefined, 60, 1, 86_400),
      baseline: values.baseline as string | undefined,
      learnWarmup: learnWarmupOption(values.baseline as string | undefined, values['learn-warmup'] as string | undefined),
      progress: !values.quiet,
      statusFile: values['status-file'] as string | undefined,
      signal: controller.signal,
    });
    if (values.json === '-') process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    else if (values.json) await writeFile(values.json as string, JSON.stringify(summary, null, 2) + '\n');
    if (!values.quiet && values.json !== '-') printSummary(summary);
    for (const e of summary.errors) process.stderr.write(`vigie: ${e}\n`);
    return summary.errors.length > 0 ? 4 : 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/**
 * Parsing threads by default: one core is left to DuckDB, which loads each batch on its own
 * threads while the next is parsed (on 2 cores, 1 worker matched 2 in speed with ~100 MB less
 * memory, measured on 3M lines).
 */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 4));
}

/** `--learn-warmup N`: a whole number of requests, and only without a stored `--baseline`. */
function learnWarmupOption(baseline: string | undefined, warmup: string | undefined): number {
  if (warmup !== undefined && baseline !== undefined) throw new VigieError('VIGIE_ERR_USAGE', 'web analyze: give --baseline FILE or --learn-warmup N, not both');
  return intOption('web analyze', 'learn-warmup', warmup, 0, 100, 1_000_000_000);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Seconds spent in each step of an analysis, for `phase_secs`: where the time goes. */
class PhaseClock {
  readonly secs: Record<string, number> = {};
  /** Peak resident memory (MB) of the process at the end of each step. */
  readonly peakRssMb: Record<string, number> = {};
  #last: bigint;

  constructor(start: bigint) {
    this.#last = start;
  }

  lap(name: string): void {
    const now = process.hrtime.bigint();
    this.secs[name] = round(Number(now - this.#last) / 1e9, 3);
    this.peakRssMb[name] = round(process.resourceUsage().maxRSS / 1024, 1);
    this.#last = now;
  }
}
