/**
 * `npm run eval:geo` (and the geo section of `npm run eval`): how right `vigie geo` is, on
 * labelled addresses from sources other than the two geolocation databases it reads (see
 * `geo-eval/labels.ts`), split into a development part and a held-out part (`geo-eval/split.ts`).
 *
 * Country accuracy is the share of labels whose country vigie reports right, among those it
 * reports one for. It is measured with the cloud providers' region files and geofeeds installed
 * by `geo update` (what a user who downloaded them gets), and also "independent": each cloud
 * label answered by a vigie that has every provider's file but the one the label came from, so
 * no label is checked against the file that answers it. Accuracy is also given per answering
 * source: a provider's own file, both databases agreeing, the databases disagreeing, one alone.
 *
 * Registry labels (the registrant's country) are set aside, counted, and never silently dropped,
 * when the registrant is demonstrably not where the block is used, judged without either
 * geolocation database: `moved` (announced by a network whose own blocks are registered >= 80%
 * in another country), `multinational` (a network with no home country: carriers, clouds,
 * brokers), `unrouted` (no network announces it), `provider` (a cloud provider's own file places
 * it in another country).
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Attribution } from '../src/core/index.js';
import { AS_HOME_MIN_SHARE } from '../src/geo/as-country.js';
import type { FeedAnswer } from '../src/geo/feeds/feed-index.js';
import { GeoAttributor } from '../src/geo/index.js';
import { ipv4ToNumber, ipv6ToWords } from '../src/geo/ip-words.js';
import type { EvalRow, EvalSection } from './eval/types.js';
import { installProviders } from './geo-eval/feeds-dir.js';
import { listsWithout } from './geo-eval/leave-out.js';
import { labelled, type Labelled } from './geo-eval/labels.js';
import { PROVIDER_FILES, type Provider } from './geo-eval/split.js';
import { HOME, pct, Tallies, Tally } from './geo-eval/tally.js';

type Doubt = 'moved' | 'multinational' | 'unrouted' | 'provider';

const words = new Uint32Array(4);
function feedAt(geo: GeoAttributor, ip: string): FeedAnswer | null {
  const feeds = geo.data.feeds();
  if (ip.includes(':')) return ipv6ToWords(ip, words) ? feeds.lookupV6(words) : null;
  return feeds.lookupV4(ipv4ToNumber(ip));
}

/** Why a registry label does not say where the address is used, from the registry, routing table and providers' files only; null when it stands. */
function labelDoubt(geo: GeoAttributor, ip: string, country: string): Doubt | null {
  const feed = feedAt(geo, ip);
  if (feed && feed.country !== country) return 'provider';
  const table = geo.data.asn()?.value;
  const asn = !table ? null : ip.includes(':') ? (ipv6ToWords(ip, words) ? table.lookupV6(words) : null) : table.lookupV4(ipv4ToNumber(ip));
  if (!asn) return 'unrouted';
  const home = geo.data.asHome(asn.asn);
  // An IPv6-only network has no IPv4 home to compare with: its label stands.
  if (!home) return null;
  if (home.share < AS_HOME_MIN_SHARE) return 'multinational';
  return home.country === country ? null : 'moved';
}

/** Which source gave vigie's country, as `judge` chooses it. */
function answeredBy(feed: FeedAnswer | null, whois: string | null, dbip: string | null): string {
  if (feed) return `a provider's own file (${feed.feed.kind === 'cloud' ? 'cloud region file' : 'geofeed'})`;
  if (whois && dbip) return whois === dbip ? 'both databases agree' : 'the databases disagree (tie broken)';
  return whois || dbip ? 'one database alone' : 'registry delegation alone';
}

/** `all`: every provider's file installed; `without`: all but one; `none`: shipped data only (files disabled). */
interface Attributors { all: GeoAttributor; without: Map<Provider, GeoAttributor>; none: GeoAttributor }

function row(dataset: string, metric: string, total: number, hits: number, goal: string, met: boolean, extra: Partial<EvalRow> = {}): EvalRow {
  return { dataset: `ip-labelled/${dataset}`, metric, total, hits, value_pct: pct(hits, total), goal, met, ...extra };
}

function accuracy(dataset: string, metric: string, t: Tally, goalPct: number | null, detail?: string): EvalRow {
  const value = pct(t.right, t.reported);
  return row(dataset, metric, t.reported, t.right, goalPct === null ? 'report' : `>= ${goalPct}%`, goalPct === null || value >= goalPct, {
    peer: `same addresses, one database alone: geo-whois-asn ${pct(t.whoisRight, t.whoisN)}%, DB-IP ${pct(t.dbipRight, t.dbipN)}%`,
    ...(detail ? { detail } : {}),
  });
}

/**
 * The geo section of `npm run eval`: country accuracy per ground-truth source, per answering
 * source and overall (development and held-out), foreign addresses called domestic, the
 * obscured share of hiding networks, and lookup speed.
 */
export async function evalGeo(): Promise<EvalSection> {
  const devOnly = process.env.GEO_EVAL_DEV_ONLY === '1';
  const root = mkdtempSync(join(tmpdir(), 'vigie-geo-eval-'));
  try {
    const providers = Object.keys(PROVIDER_FILES) as Provider[];
    const geo: Attributors = {
      all: new GeoAttributor({ dataDir: installProviders([], root), home: HOME }),
      without: new Map(providers.map((p) => [p, new GeoAttributor({ dataDir: installProviders([p], root), home: HOME })])),
      none: new GeoAttributor({ dataDir: null, home: HOME }),
    };
    const labels = labelled().filter((l) => !devOnly || !l.heldOut);
    const rows = score(labels, geo);
    rows.push(...leaveOneListOut(labels, root));
    rows.push(...speed(labels.slice(0, 20_000).map((l) => l.ip), geo.all));
    return { name: 'geo', rows };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function score(labels: readonly Labelled[], geo: Attributors): EvalRow[] {
  const part = (l: Labelled): string => (l.heldOut ? 'held-out' : 'dev');
  const kept = new Tallies();
  const allLabels = new Tallies();
  const doubts = new Tallies();
  const independent = new Tallies();
  const bySource = new Tallies();
  const overall = new Tallies();
  const overallIndependent = new Tallies();
  const disabled = new Tallies();
  const overallDisabled = new Tallies();
  for (const l of labels) {
    const a = geo.all.attribute(l.ip);
    const family = l.ip.includes(':') ? 6 : 4;
    const whois = geo.all.data.whois(family)?.value.get(l.ip)?.country_code || null;
    const dbip = geo.all.data.dbip(family)?.value.get(l.ip)?.country_code || null;
    const key = `${part(l)}/${l.set}`;
    allLabels.of(key).add(l, a, whois, dbip);
    const doubt = l.set.startsWith('registry') && l.country ? labelDoubt(geo.all, l.ip, l.country) : null;
    if (doubt) {
      doubts.of(`${key}\t${doubt}`).add(l, a, whois, dbip);
      continue;
    }
    kept.of(key).add(l, a, whois, dbip);
    if (!l.country) continue;
    overall.of(part(l)).add(l, a, whois, dbip);
    bySource.of(`${part(l)}/${answeredBy(feedAt(geo.all, l.ip), whois, dbip)}`).add(l, a, whois, dbip);
    // Independent: a cloud label is answered by a vigie without the file it came from.
    const other = l.provider ? geo.without.get(l.provider)! : geo.all;
    const b = l.provider ? other.attribute(l.ip) : a;
    if (l.provider) independent.of(key).add(l, b, whois, dbip);
    overallIndependent.of(part(l)).add(l, b, whois, dbip);
    // Disabled: no provider's file at all, the shipped data alone.
    const c = l.provider ? geo.none.attribute(l.ip) : a;
    if (l.provider) disabled.of(key).add(l, c, whois, dbip);
    overallDisabled.of(part(l)).add(l, c, whois, dbip);
    if (process.env.GEO_EVAL_MISSES && a.country && a.country !== l.country) console.log([key, l.ip, l.country, whois, dbip, a.country, a.verdict, a.network, a.asn, a.org].join('\t'));
  }
  return [...perSetRows(kept, allLabels, doubts, independent, disabled), ...summaryRows(overall, overallIndependent, overallDisabled, bySource, kept)];
}

function perSetRows(kept: Tallies, allLabels: Tallies, doubts: Tallies, independent: Tallies, disabled: Tallies): EvalRow[] {
  const rows: EvalRow[] = [];
  for (const [key, t] of [...kept].sort(([a], [b]) => a.localeCompare(b))) {
    const set = key.slice(key.indexOf('/') + 1);
    if (set.startsWith('registry')) {
      const aside = [...doubts].filter(([k]) => k.startsWith(`${key}\t`)).map(([k, d]) => `${k.split('\t')[1]} ${d.n}`).join(', ');
      rows.push(accuracy(key, 'country accuracy, undisputed labels', t, 99, `${t.n} of ${allLabels.of(key).n} labels stand; set aside: ${aside || 'none'}`));
      rows.push(row(key, 'country accuracy, undisputed labels, domestic/foreign verdicts only', t.attributable, t.attributableRight, 'report', true));
      rows.push(accuracy(key, 'country accuracy, all labels', allLabels.of(key), null));
    } else if (set.startsWith('cloud')) {
      rows.push(accuracy(key, 'country accuracy, providers\' files installed (its own answers: a check of parsing and region maps)', t, 99));
      rows.push(accuracy(key, 'country accuracy, independent (every provider\'s file but its own)', independent.of(key), null));
      rows.push(accuracy(key, 'country accuracy, providers\' files disabled (shipped data only)', disabled.of(key), null));
    } else {
      rows.push(row(key, 'obscured', t.n, t.obscured, '>= 99.5%', pct(t.obscured, t.n) >= 99.5));
    }
  }
  return rows;
}

function summaryRows(overall: Tallies, overallIndependent: Tallies, overallDisabled: Tallies, bySource: Tallies, kept: Tallies): EvalRow[] {
  const rows: EvalRow[] = [];
  for (const part of ['dev', 'held-out']) {
    if (!overall.has(part)) continue;
    rows.push(accuracy(`${part}/all`, 'country accuracy, providers\' files installed', overall.of(part), 99, 'undisputed registry labels and cloud labels'));
    rows.push(accuracy(`${part}/all`, 'country accuracy, independent (no label answered by its own file)', overallIndependent.of(part), null));
    rows.push(accuracy(`${part}/all`, 'country accuracy, providers\' files disabled (shipped data only)', overallDisabled.of(part), null));
    for (const [key, t] of [...bySource].filter(([k]) => k.startsWith(`${part}/`)).sort(([a], [b]) => a.localeCompare(b))) {
      rows.push(accuracy(`${part}/answered by ${key.slice(part.length + 1)}`, 'country accuracy', t, null, `${t.n} labels`));
    }
    const hiding = new Tally();
    const foreign = new Tally();
    for (const [key, t] of kept) {
      if (!key.startsWith(`${part}/`)) continue;
      if (!/^(dev|held-out)\/(registry|cloud)/.test(key)) hiding.merge(t);
      foreign.merge(t);
    }
    rows.push(row(`${part}/all`, 'obscured: Tor, VPN, relay, CDN', hiding.n, hiding.obscured, '>= 99.5%', pct(hiding.obscured, hiding.n) >= 99.5));
    rows.push(row(`${part}/all`, 'foreign called domestic, undisputed labels', foreign.foreign, foreign.foreignAsDomestic, '0', foreign.foreignAsDomestic === 0));
  }
  return rows;
}

/**
 * Obscured, each hiding set answered by a vigie whose shipped lists lack every line covering
 * that set's addresses (leave one source out): the labels come from the same publications as
 * the shipped lists, so the plain "obscured" rows check reading more than they measure
 * generalisation. What still hides them is the rest: other lists, the hosting and VPN operators' ASNs.
 */
function leaveOneListOut(labels: readonly Labelled[], root: string): EvalRow[] {
  const sets = new Map<string, Labelled[]>();
  for (const l of labels) if (l.obscured) (sets.get(l.set) ?? sets.set(l.set, []).get(l.set)!).push(l);
  const rows: EvalRow[] = [];
  const totals = new Map<string, Tally>();
  let i = 0;
  for (const [set, ls] of [...sets].sort(([a], [b]) => a.localeCompare(b))) {
    const geo = new GeoAttributor({ dataDir: listsWithout(ls.map((l) => l.ip), root, String(i++)), home: HOME });
    const t = new Tally();
    const missed = new Map<string, number>();
    for (const l of ls) {
      const a = geo.attribute(l.ip);
      t.add(l, a, null, null);
      if (a.verdict !== 'obscured') missed.set(a.network, (missed.get(a.network) ?? 0) + 1);
    }
    const part = ls[0]!.heldOut ? 'held-out' : 'dev';
    (totals.get(part) ?? totals.set(part, new Tally()).get(part)!).merge(t);
    const detail = missed.size === 0 ? undefined : `missed, by network type found: ${[...missed].map(([k, v]) => `${k} ${v}`).join(', ')}`;
    rows.push(row(`${part}/${set}`, 'obscured, its own source left out of the lists', t.n, t.obscured, 'report', true, detail ? { detail } : {}));
  }
  for (const [part, t] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
    rows.push(row(`${part}/all`, 'obscured: Tor, VPN, relay, CDN, each source left out of the lists', t.n, t.obscured, '>= 99.5%', pct(t.obscured, t.n) >= 99.5));
  }
  return rows;
}

/** Lookups per second through the pipeline's cache at its default size: first sight, then cached. */
function speed(ips: string[], withFeeds: GeoAttributor): EvalRow[] {
  const rate = (geo: GeoAttributor, rounds: number): number => {
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (const ip of ips) geo.attribute(ip);
    return (rounds * ips.length) / (Number(process.hrtime.bigint() - t0) / 1e9);
  };
  const warm = (geo: GeoAttributor): GeoAttributor => {
    geo.attribute('24.48.0.1');
    geo.attribute('2607:f8b0:4005::1');
    geo.data.asHome(577);
    return geo;
  };
  const shipped = warm(new GeoAttributor({ dataDir: null, home: HOME }));
  const fresh = warm(new GeoAttributor({ dataDir: withFeeds.data.paths.userDir, home: HOME }));
  const firstShipped = rate(shipped, 1);
  const cached = rate(shipped, 50);
  const firstFeeds = rate(fresh, 1);
  return [
    row('speed', 'lookups/s, cached (hits = lookups/s, total = goal)', 1_000_000, Math.round(cached), '>= 100%', cached >= 1_000_000),
    row('speed', 'lookups/s, first sight, shipped data (hits = lookups/s)', 1_000_000, Math.round(firstShipped), 'report', true),
    row('speed', 'lookups/s, first sight, providers\' files installed (hits = lookups/s)', 1_000_000, Math.round(firstFeeds), 'report', true),
  ];
}

async function main(): Promise<void> {
  const { evalTable } = await import('./eval/table.js');
  const section = await evalGeo();
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/geo-eval.json', JSON.stringify(section, null, 2) + '\n');
  console.log(evalTable([section]));
  console.log('\nIP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0.');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
