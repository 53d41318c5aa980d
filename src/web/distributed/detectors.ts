import { quantile, round, sumOver, sustainedRuns, type PeriodRun } from './excess.js';
import type { SiteExcess } from './site-finding.js';
import type { EndpointHour, SignInDay } from '../repository/site-queries.js';

/** An excess and its window in epoch ms (start included, end excluded), before its addresses are known. */
export interface ExcessWindow {
  excess: SiteExcess;
  fromMs: number;
  toMs: number;
}

/**
 * The baseline of a daily count is its lower quartile over the site's days: an attack that
 * runs through up to three quarters of the history does not become the norm (a median would
 * take it as soon as it covered half).
 */
export const DAY_QUANTILE = 0.25;

/**
 * Credential stuffing: failed sign-ins a day, per sign-in endpoint, against the site's usual
 * failures per request it serves (so election night's crowd, which signs in and fails in the
 * usual proportion, raises the expectation with it), and the share of sign-in POSTs that fail.
 * A day is above when failures are three times the expected and 20 more, the failed share 25
 * points above the usual, and ten addresses or more failed; three such days (a quiet day
 * bridged) are sustained. The usual failed share is capped at 40%: a site's own users fail far
 * fewer sign-ins than that (20% on generated traffic), so a history that is stuffing from its
 * first day cannot teach it; then the failures a day are judged against 40% of the POSTs.
 * Generated traffic (seed 2025): the botnet's days reach 4× the baseline and 90% failed; the
 * password-reset wave stays at the usual share.
 */
export const STUFFING = { factor: 3, minExcess: 20, shareRise: 0.25, shareCap: 0.4, minClients: 10, minDays: 3, maxGapDays: 1 } as const;

/**
 * Distributed scan: addresses that probe at most two sensitive paths in all (under any
 * per-address threshold: sensitive-file-probing needs three), counted over three-day spans (a
 * slow scan's days are few and noisy: 9 to 21 such addresses a day on generated traffic). A
 * span is above at twice the usual span and 6 more; three such days in a row are sustained,
 * when at least three of their days each have twice the usual day (not one day's burst).
 * Generated traffic (seed 2025): the internet's background gives 9 to 12 per span, the scan
 * 30 to 56.
 */
export const SCAN = { maxPathsPerAddress: 2, spanDays: 3, factor: 2, minExcess: 6, minDays: 3, maxGapDays: 1 } as const;

/**
 * Distributed flood: new addresses an hour that load no page and hit one endpoint, against the
 * endpoint's 90th percentile hour, with the endpoint's failed share (401/403/429/5xx) 30 points
 * above its median hour and 30 failures or more; two such hours are sustained. Crowds that read
 * the site (a newsletter, election night) load its pages' assets and are not counted.
 */
export const FLOOD = { newQuantile: 0.9, factor: 3, minExcess: 30, minFailures: 30, shareRise: 0.3, minHours: 2, maxGapHours: 1 } as const;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const hourMs = (hour: string): number => Date.parse(`${hour}:00:00Z`);

/**
 * Sign-in endpoints with a sustained excess of failures.
 *
 * @example
 * findStuffing([{ day: '2025-04-07', requests: 5000 }, ...], signInDays) // [{ excess: { class: 'credential_stuffing', ... }, fromMs, toMs }]
 */
export function findStuffing(days: ReadonlyArray<{ day: string; requests: number }>, signIn: readonly SignInDay[]): ExcessWindow[] {
  const out: ExcessWindow[] = [];
  for (const [endpoint, rows] of groupBy(signIn, (r) => r.endpoint)) {
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const series = days.map((d) => ({ ...d, posts: byDay.get(d.day)?.posts ?? 0, failures: byDay.get(d.day)?.failures ?? 0, failing: byDay.get(d.day)?.failingClients ?? 0 }));
    const rate = quantile(series.filter((s) => s.requests > 0).map((s) => s.failures / s.requests), DAY_QUANTILE);
    const learnedShare = quantile(series.filter((s) => s.posts >= 10).map((s) => s.failures / s.posts), DAY_QUANTILE);
    const usualShare = Math.min(learnedShare, STUFFING.shareCap);
    // A learned share above the cap means no quiet day: the rate learned with it is the attack's, so only the share speaks.
    const rateKnown = learnedShare <= STUFFING.shareCap;
    const above = series.map((s) => s.posts > 0 && s.failing >= STUFFING.minClients && s.failures >= STUFFING.minExcess
      && (!rateKnown || s.failures >= STUFFING.factor * rate * s.requests + STUFFING.minExcess) && s.failures / s.posts >= usualShare + STUFFING.shareRise);
    for (const run of sustainedRuns(above, STUFFING.minDays, STUFFING.maxGapDays)) {
      const n = run.to - run.from + 1;
      const failures = sumOver(series, run, (s) => s.failures);
      const posts = sumOver(series, run, (s) => s.posts);
      const expected = rate * sumOver(series, run, (s) => s.requests);
      const from = series[run.from]!.day;
      const to = series[run.to]!.day;
      out.push({
        fromMs: dayMs(from), toMs: dayMs(to) + DAY_MS,
        excess: {
          class: 'credential_stuffing', endpoint, severity: 4, window_start: new Date(dayMs(from)).toISOString(), window_end: new Date(dayMs(to) + DAY_MS).toISOString(),
          figures: { days: n, days_above: run.above, failures, posts, failures_per_day: round(failures / n, 1), failed_share: round(failures / Math.max(posts, 1), 3) },
          baseline: { failures_per_day: rateKnown ? round(expected / n, 1) : round((usualShare * posts) / n, 1), failed_share: round(usualShare, 3), learned_failed_share: round(learnedShare, 3), failures_per_request: round(rate, 6), learned_from: `${days.length} days, lower quartile` },
          reason_code: { code: 'web.site.credential_stuffing', params: { endpoint, failures, days: n, from, to: to, per_day: round(failures / n, 1), baseline_per_day: rateKnown ? round(expected / n, 1) : round((usualShare * posts) / n, 1), share: round(failures / Math.max(posts, 1), 3), baseline_share: round(usualShare, 3) } },
        },
      });
    }
  }
  return out;
}

/**
 * Days on which more addresses than usual each probe one or two sensitive paths.
 *
 * @example
 * findScan(days, probeDays) // [{ excess: { class: 'distributed_scan', endpoint: 'sensitive paths', ... }, ... }]
 */
export function findScan(days: ReadonlyArray<{ day: string }>, probes: ReadonlyArray<{ day: string; light: number }>): ExcessWindow[] {
  const byDay = new Map(probes.map((p) => [p.day, p.light]));
  const daily = days.map((d) => byDay.get(d.day) ?? 0);
  const series = days.map((d, i) => ({ day: d.day, light: daily[i]!, span: daily.slice(Math.max(0, i - SCAN.spanDays + 1), i + 1).reduce((a, b) => a + b, 0) }));
  // The usual span is three usual days: the quartile of the days themselves (spans overlap an
  // attack's first days and would lift it).
  const usualDaily = quantile(daily, DAY_QUANTILE);
  const usual = usualDaily * SCAN.spanDays;
  const above = series.map((s) => s.span >= SCAN.factor * usual + SCAN.minExcess);
  // Sustained means spread over days: a span lifted by one day's burst is not a slow scan.
  const busyDays = (run: PeriodRun): number => daily.slice(run.from, run.to + 1).filter((n) => n > SCAN.factor * usualDaily).length;
  return sustainedRuns(above, SCAN.minDays, SCAN.maxGapDays).filter((run) => busyDays(run) >= SCAN.minDays).map((run: PeriodRun) => {
    // The span that first rose started up to two days before: the excess starts on its first day above the usual day.
    let first = run.from;
    for (let i = Math.max(0, run.from - SCAN.spanDays + 1); i < run.from; i++) if (daily[i]! > usualDaily) { first = i; break; }
    const span: PeriodRun = { from: first, to: run.to, above: run.above };
    const n = span.to - span.from + 1;
    const from = series[span.from]!.day;
    const to = series[span.to]!.day;
    const perDay = round(sumOver(series, span, (s) => s.light) / n, 1);
    return {
      fromMs: dayMs(from), toMs: dayMs(to) + DAY_MS,
      excess: {
        class: 'distributed_scan', endpoint: 'sensitive paths', severity: 3, window_start: new Date(dayMs(from)).toISOString(), window_end: new Date(dayMs(to) + DAY_MS).toISOString(),
        figures: { days: n, days_above: run.above, light_probers_per_day: perDay, max_paths_per_address: SCAN.maxPathsPerAddress },
        baseline: { light_probers_per_day: round(usualDaily, 1), light_probers_per_3_days: round(usual, 1), learned_from: `${days.length} days, lower quartile` },
        reason_code: { code: 'web.site.distributed_scan', params: { days: n, from, to, per_day: perDay, baseline_per_day: round(usualDaily, 1), max_paths: SCAN.maxPathsPerAddress } },
      },
    };
  });
}

/**
 * Endpoints flooded for hours by new addresses that load no page, with failures well above usual.
 *
 * @example
 * findFlood(days, endpointHours) // [{ excess: { class: 'distributed_flood', endpoint: '/api/polling-place', ... }, ... }]
 */
export function findFlood(days: ReadonlyArray<{ day: string }>, hours: readonly EndpointHour[]): ExcessWindow[] {
  if (days.length === 0) return [];
  const span: string[] = [];
  for (let t = dayMs(days[0]!.day); t < dayMs(days.at(-1)!.day) + DAY_MS; t += HOUR_MS) span.push(new Date(t).toISOString().slice(0, 13));
  const out: ExcessWindow[] = [];
  for (const [endpoint, rows] of groupBy(hours, (r) => r.endpoint)) {
    const byHour = new Map(rows.map((r) => [r.hour, r]));
    const series = span.map((hour) => byHour.get(hour) ?? { endpoint, hour, requests: 0, failures: 0, newBare: 0 });
    const usualNew = quantile(series.map((s) => s.newBare), FLOOD.newQuantile);
    const usualShare = quantile(series.filter((s) => s.requests >= 5).map((s) => s.failures / s.requests), 0.5);
    const above = series.map((s) => s.newBare >= FLOOD.factor * usualNew + FLOOD.minExcess && s.failures >= FLOOD.minFailures
      && s.failures / s.requests >= usualShare + FLOOD.shareRise);
    for (const run of sustainedRuns(above, FLOOD.minHours, FLOOD.maxGapHours)) {
      const n = run.to - run.from + 1;
      const requests = sumOver(series, run, (s) => s.requests);
      const failures = sumOver(series, run, (s) => s.failures);
      const fromMs = hourMs(series[run.from]!.hour);
      const toMs = hourMs(series[run.to]!.hour) + HOUR_MS;
      const perHour = round(sumOver(series, run, (s) => s.newBare) / n, 1);
      out.push({
        fromMs, toMs,
        excess: {
          class: 'distributed_flood', endpoint, severity: 3, window_start: new Date(fromMs).toISOString(), window_end: new Date(toMs).toISOString(),
          figures: { hours: n, hours_above: run.above, requests, failures, failed_share: round(failures / Math.max(requests, 1), 3), new_bare_per_hour: perHour },
          baseline: { new_bare_per_hour: round(usualNew, 1), failed_share: round(usualShare, 3), learned_from: `${span.length} hours, 90th percentile of new addresses, median failed share` },
          reason_code: { code: 'web.site.distributed_flood', params: {
            endpoint, requests, failures, hours: n, from: new Date(fromMs).toISOString().slice(0, 16).replace('T', ' '), to: new Date(toMs).toISOString().slice(0, 16).replace('T', ' '),
            share: round(failures / Math.max(requests, 1), 3), baseline_share: round(usualShare, 3), per_hour: perHour, baseline_per_hour: round(usualNew, 1),
          } },
        },
      });
    }
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(x);
  }
  return out;
}
