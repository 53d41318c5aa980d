import { buildClients, type DemoClient } from './clients.js';
import { clfTimestamp, formatCombined, type DemoRequest } from './log-line.js';
import { FOREIGN_NETWORKS, HOSTING_NETWORKS, randomAddress, type DemoNetwork } from './networks.js';
import { Prng, weighted } from './prng.js';
import { PAGE_ASSETS, SITE_ORIGIN, postalCode, randomPage, randomReferer, ridingCode } from './site.js';

/**
 * Three weeks of an election site's log with the attacks per-address detection misses and the
 * crowds that look like them (issue 16, part 1), with the ground truth of every line:
 * - `stuffing`: a credential-stuffing botnet of 120 residential addresses in seven countries,
 *   each a handful of sign-in POSTs on most evenings (19:00–23:00 at UTC+3), nine in ten
 *   failing, for the last two weeks;
 * - `dscan`: 160 addresses each probing one or two sensitive paths (`/.env`, `/.git/config`) once
 *   in the last two weeks;
 * - `flood`: 300 addresses that load no page hitting the polling-place API for two hours,
 *   mostly refused (429/503);
 * and the legal look-alikes: a `newsletter` sending thousands to one page, `election-night`
 * traffic, a `reset-wave` of password resets after an email (some links expired: 403), and a
 * `monitor`ing service checking from a dozen addresses (its status probe answers 401).
 * The site's own users sign in and mistype their passwords (the form comes back: 200), and the
 * internet's background probers come by every day.
 */
export interface LowSlowOptions {
  /** Same seed, same lines. Default 2025. */
  seed?: number | string;
  /** Days of log. Default 21 (the attacks run through the last 14). */
  days?: number;
  /** Ordinary visits a day. Default 700. */
  visitsPerDay?: number;
  /** Size of the look-alike crowds relative to the default. Default 1. */
  crowdScale?: number;
  /** First day (UTC midnight). Default Monday 2025-04-07. */
  start?: Date;
  /** Actors to include (default all). */
  actors?: readonly LowSlowActor[];
}

export const ATTACK_ACTORS = ['stuffing', 'dscan', 'flood'] as const;
export const LOOKALIKE_ACTORS = ['newsletter', 'election-night', 'reset-wave', 'monitor'] as const;
export type LowSlowActor = (typeof ATTACK_ACTORS)[number] | (typeof LOOKALIKE_ACTORS)[number];

/** A line and who sent it: an actor, `background` (the internet's daily probers) or null (the site's own visitors). */
export interface LowSlowRecord {
  line: string;
  time: number;
  actor: LowSlowActor | 'background' | null;
}

interface Ev { t: number; req: DemoRequest; actor: LowSlowActor | 'background' | null }

const DAY = 86_400;
const SIGN_IN = '/en/account/sign-in';
const FORM_BYTES = 6210;
const FORM_ERROR_BYTES = 6484;
const SENSITIVE = ['/.env', '/.git/config', '/wp-config.php.bak', '/.aws/credentials', '/backup.sql', '/.env.production', '/.git/HEAD', '/db.sql', '/.htpasswd', '/config.php~'];
const CHROME = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36',
];
const MONITOR_UA = 'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)';
// Visits by local hour in Eastern time (UTC-4 in spring): mornings to late evenings.
const LOCAL_HOUR = weighted<number>([0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 1.5, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2.2, 2.4, 2.4, 2, 1.4, 0.8].map((w, h) => [h, w] as const));

/**
 * Generates the log, in time order, with its ground truth.
 *
 * @example
 * for (const r of generateLowSlowRecords({ seed: 7, days: 21 })) if (r.actor === 'stuffing') console.log(r.line);
 */
export function* generateLowSlowRecords(options: LowSlowOptions = {}): Generator<LowSlowRecord> {
  const rng = new Prng(options.seed ?? 2025);
  const days = options.days ?? 21;
  const start = Math.floor((options.start ?? new Date('2025-04-07T00:00:00Z')).getTime() / 1000);
  const actors = new Set<LowSlowActor>(options.actors ?? [...ATTACK_ACTORS, ...LOOKALIKE_ACTORS]);
  const scale = options.crowdScale ?? 1;
  const visitsPerDay = options.visitsPerDay ?? 700;
  const site = new Site(rng.fork('site'), visitsPerDay * days);
  const attackFrom = Math.max(0, days - 14);
  const bots = botnet(rng.fork('stuffing'), 120);
  const monitors = Array.from({ length: 12 }, (_, i) => randomAddress(HOSTING_NETWORKS[i % HOSTING_NETWORKS.length]!, rng.fork(`monitor${i}`)));
  const scanRng = rng.fork('dscan');
  const probers = Array.from({ length: 160 }, () => ({ ip: randomAddress(scanRng.chance(0.5) ? scanRng.pick(HOSTING_NETWORKS) : pickForeign(scanRng), scanRng), day: attackFrom + scanRng.int(days - attackFrom) }));
  for (let d = 0; d < days; d++) {
    const day0 = start + d * DAY;
    const events: Ev[] = [];
    const drng = rng.fork(`day${d}`);
    for (let v = 0; v < visitsPerDay; v++) site.visit(events, day0 + ((LOCAL_HOUR(drng) + 4) % 24) * 3600 + drng.int(3600), drng);
    background(events, day0, drng);
    if (actors.has('monitor') && d >= 3) monitor(events, day0, monitors);
    if (actors.has('stuffing') && d >= attackFrom) stuffing(events, day0, bots, drng);
    if (actors.has('dscan')) for (const p of probers) if (p.day === d) probe(events, day0, p.ip, drng);
    if (actors.has('flood') && d === days - 6) flood(events, day0 + 18 * 3600, drng.fork('flood'));
    if (actors.has('newsletter') && d === days - 12) site.crowd(events, 'newsletter', day0 + 14 * 3600, Math.round(2000 * scale), drng.fork('newsletter'));
    if (actors.has('reset-wave') && d === days - 9) site.crowd(events, 'reset-wave', day0 + 15 * 3600, Math.round(1000 * scale), drng.fork('reset'));
    if (actors.has('election-night') && d === days - 7) site.crowd(events, 'election-night', day0 + 23 * 3600, Math.round(2500 * scale), drng.fork('election'));
    events.sort((a, b) => a.t - b.t);
    for (const e of events) yield { line: formatCombined(e.req, clfTimestamp(e.t)), time: e.t, actor: e.actor };
  }
}

/**
 * The log's lines only.
 *
 * @example
 * const lines = [...generateLowSlow({ seed: 7 })];
 */
export function* generateLowSlow(options: LowSlowOptions = {}): Generator<string> {
  for (const r of generateLowSlowRecords(options)) yield r.line;
}

function pickForeign(rng: Prng): DemoNetwork {
  return rng.pick(FOREIGN_NETWORKS[rng.pick(['US', 'IN', 'VN', 'RU', 'DE', 'FR', 'GB'])]!.filter((n) => !n.cidr.includes(':')));
}

const req = (ip: string, method: string, target: string, status: number, bytes: number, referer: string, ua: string, proto = 'HTTP/1.1'): DemoRequest =>
  ({ ip, method, target, proto, status, bytes, referer, ua });

/** The site's ordinary visitors: page views with their assets, sign-ins (some mistyped), password resets. */
class Site {
  readonly #pool: DemoClient[];
  #fresh = 0;
  constructor(rng: Prng, visits: number) {
    this.#pool = buildClients(Math.max(100, Math.round(visits * 0.6)), rng);
  }

  /** A returning client most of the time, a new one otherwise (a site gets new visitors every day). */
  client(rng: Prng, freshShare = 0.4): DemoClient {
    if (this.#fresh < 10 || (rng.chance(freshShare) && this.#fresh < this.#pool.length)) return this.#pool[this.#fresh++]!;
    const u = rng.next();
    return this.#pool[Math.floor(u * u * this.#fresh)]!;
  }

  visit(out: Ev[], t: number, rng: Prng, actor: LowSlowActor | null = null, client = this.client(rng)): void {
    if (client.crawler) {
      const page = randomPage(rng, client.lang);
      out.push({ t, req: req(client.ip, 'GET', page.target, page.status, page.bytes, '-', client.ua), actor });
      return;
    }
    const r = rng.next();
    if (r < 0.06) return this.#signIn(out, t, client, rng, actor);
    if (r < 0.07) return this.#reset(out, t, client, rng, actor, rng.chance(0.06));
    const page = randomPage(rng, client.lang);
    this.page(out, t, client, page.target, page.status, page.bytes, randomReferer(rng, client.lang), rng, actor);
    if (page.target.includes('?pc=')) {
      out.push({ t: t + 2, req: req(client.ip, 'GET', `/api/polling-place${page.target.slice(page.target.indexOf('?'))}`, 200, 1400 + rng.int(600), `${SITE_ORIGIN}${page.target}`, client.ua, client.proto), actor });
    }
  }

  /** A page and the assets a browser fetches with it (304 when cached). */
  page(out: Ev[], t: number, c: DemoClient, target: string, status: number, bytes: number, referer: string, rng: Prng, actor: LowSlowActor | null): void {
    out.push({ t, req: req(c.ip, 'GET', target, status, bytes, referer, c.ua, c.proto), actor });
    if (status !== 200) return;
    const n = c.returning ? 2 + rng.int(3) : PAGE_ASSETS.length;
    for (let i = 0; i < n; i++) {
      const a = PAGE_ASSETS[i]!;
      out.push({ t: t + 1 + rng.int(2), req: req(c.ip, 'GET', a.target, c.returning ? 304 : 200, c.returning ? 0 : a.bytes, `${SITE_ORIGIN}${target}`, c.ua, c.proto), actor });
    }
  }

  #signIn(out: Ev[], t: number, c: DemoClient, rng: Prng, actor: LowSlowActor | null): void {
    this.page(out, t, c, SIGN_IN, 200, FORM_BYTES, `${SITE_ORIGIN}/en/`, rng, actor);
    let at = t + 15 + rng.int(45);
    for (let attempt = 0; attempt < 3; attempt++) {
      const ok = rng.chance(attempt === 0 ? 0.82 : 0.75);
      out.push({ t: at, req: req(c.ip, 'POST', SIGN_IN, ok ? 302 : 200, ok ? 0 : FORM_ERROR_BYTES, `${SITE_ORIGIN}${SIGN_IN}`, c.ua, c.proto), actor });
      if (ok) {
        this.page(out, at + 1, c, '/en/account/dashboard', 200, 8840, `${SITE_ORIGIN}${SIGN_IN}`, rng, actor);
        return;
      }
      at += 20 + rng.int(40);
    }
  }

  #reset(out: Ev[], t: number, c: DemoClient, rng: Prng, actor: LowSlowActor | null, expired: boolean): void {
    const token = Array.from({ length: 24 }, () => '0123456789abcdef'[rng.int(16)]).join('');
    const link = `/en/account/reset?token=${token}`;
    if (expired) {
      out.push({ t, req: req(c.ip, 'GET', link, 403, 3120, '-', c.ua, c.proto), actor });
      this.page(out, t + 20 + rng.int(60), c, '/en/account/reset-password', 200, 5400, '-', rng, actor);
      out.push({ t: t + 120 + rng.int(60), req: req(c.ip, 'POST', '/en/account/reset-password', 302, 0, `${SITE_ORIGIN}/en/account/reset-password`, c.ua, c.proto), actor });
      return;
    }
    this.page(out, t, c, link, 200, 5900, '-', rng, actor);
    out.push({ t: t + 30 + rng.int(60), req: req(c.ip, 'POST', '/en/account/reset', 302, 0, `${SITE_ORIGIN}${link}`, c.ua, c.proto), actor });
  }

  /** A crowd arriving at once: readers of a newsletter, of results, of a reset email. */
  crowd(out: Ev[], kind: 'newsletter' | 'reset-wave' | 'election-night', t0: number, size: number, rng: Prng): void {
    for (let i = 0; i < size; i++) {
      // Arrivals decay after the email or the polls' close (mean 40 minutes).
      const t = t0 + Math.floor(-Math.log(1 - rng.next() * 0.999) * 2400);
      const c = this.client(rng, kind === 'reset-wave' ? 0.3 : 0.7);
      if (kind === 'newsletter') {
        this.page(out, t, c, '/en/news/2025/04/advance-polls-open?utm_source=newsletter&utm_medium=email', 200, 12100 + rng.int(400), '-', rng, kind);
      } else if (kind === 'reset-wave') {
        this.#reset(out, t, c, rng, kind, rng.chance(0.1));
      } else {
        this.page(out, t, c, '/en/results', 200, 38400 + rng.int(900), rng.chance(0.5) ? '-' : 'https://www.cbc.ca/news/politics', rng, kind);
        const refreshes = 3 + rng.int(6);
        for (let k = 1; k <= refreshes; k++) {
          const limited = rng.chance(0.015);
          out.push({ t: t + k * (30 + rng.int(60)), req: req(c.ip, 'GET', `/api/results?riding=${ridingCode(rng)}`, limited ? 429 : 200, limited ? 162 : 2300 + rng.int(500), `${SITE_ORIGIN}/en/results`, c.ua, c.proto), actor: kind });
        }
      }
    }
  }
}

/** The internet's daily background: a couple of loud scanners and a few single probes. */
function background(out: Ev[], day0: number, rng: Prng): void {
  for (let s = 0; s < 2; s++) {
    const ip = randomAddress(rng.pick(HOSTING_NETWORKS), rng);
    const t = day0 + rng.int(DAY - 600);
    const n = 15 + rng.int(15);
    for (let i = 0; i < n; i++) out.push({ t: t + i * 2, req: req(ip, 'GET', rng.pick([...SENSITIVE, '/wp-login.php', '/phpmyadmin/', '/admin/', '/xmlrpc.php']), 404, 5210, '-', 'python-requests/2.31.0'), actor: 'background' });
  }
  for (let s = 0, n = 2 + rng.int(3); s < n; s++) {
    out.push({ t: day0 + rng.int(DAY), req: req(randomAddress(rng.pick(HOSTING_NETWORKS), rng), 'GET', rng.pick(SENSITIVE), 404, 5210, '-', 'Mozilla/5.0 zgrab/0.x'), actor: 'background' });
  }
}

function monitor(out: Ev[], day0: number, ips: readonly string[]): void {
  ips.forEach((ip, i) => {
    for (let t = day0 + i * 150; t < day0 + DAY; t += 1800) {
      out.push({ t, req: req(ip, 'GET', '/', 200, 9100, '-', MONITOR_UA), actor: 'monitor' });
      out.push({ t: t + 1, req: req(ip, 'GET', '/api/status', 401, 48, '-', MONITOR_UA), actor: 'monitor' });
    }
  });
}

function botnet(rng: Prng, n: number): Array<{ ip: string; ua: string }> {
  return Array.from({ length: n }, () => ({ ip: randomAddress(pickForeign(rng), rng), ua: rng.pick(CHROME) }));
}

/** Evenings at UTC+3 (16:00–20:00 UTC): a few attempts from most bots, nine in ten failing. */
function stuffing(out: Ev[], day0: number, bots: ReadonlyArray<{ ip: string; ua: string }>, rng: Prng): void {
  for (const b of bots) {
    if (!rng.chance(0.6)) continue;
    let t = day0 + 16 * 3600 + rng.int(3 * 3600);
    for (let i = 0, n = 2 + rng.int(4); i < n; i++) {
      const r = rng.next();
      const [status, bytes] = r < 0.9 ? [200, FORM_ERROR_BYTES] : r < 0.96 ? [302, 0] : [429, 162];
      out.push({ t, req: req(b.ip, 'POST', SIGN_IN, status, bytes, `${SITE_ORIGIN}${SIGN_IN}`, b.ua), actor: 'stuffing' });
      t += 120 + rng.int(900);
    }
  }
}

function probe(out: Ev[], day0: number, ip: string, rng: Prng): void {
  const t = day0 + rng.int(DAY - 60);
  const ua = rng.chance(0.5) ? 'Go-http-client/1.1' : CHROME[0]!;
  const first = rng.pick(SENSITIVE);
  out.push({ t, req: req(ip, 'GET', first, 404, 5210, '-', ua), actor: 'dscan' });
  if (rng.chance(0.5)) out.push({ t: t + 3 + rng.int(30), req: req(ip, 'GET', rng.pick(SENSITIVE.filter((p) => p !== first)), 404, 5210, '-', ua), actor: 'dscan' });
}

/** Two hours of 300 addresses that load no page, each a dozen calls to the polling-place API. */
function flood(out: Ev[], t0: number, rng: Prng): void {
  for (let i = 0; i < 300; i++) {
    const ip = randomAddress(rng.chance(0.6) ? pickForeign(rng) : rng.pick(HOSTING_NETWORKS), rng);
    const ua = rng.chance(0.5) ? 'python-requests/2.31.0' : rng.pick(CHROME);
    for (let k = 0, n = 10 + rng.int(7); k < n; k++) {
      const r = rng.next();
      const [status, bytes] = r < 0.7 ? [429, 162] : r < 0.8 ? [503, 299] : [200, 1400 + rng.int(600)];
      out.push({ t: t0 + rng.int(7200), req: req(ip, 'GET', `/api/polling-place?pc=${postalCode(rng)}`, status, bytes, '-', ua), actor: 'flood' });
    }
  }
}
