import { zoneOffsetHours } from '../../web/index.js';
import { payloadAttacker, type Attacker } from './attacks.js';
import { clfTimestamp, formatCombined } from './log-line.js';
import { CANADIAN_NETWORKS, FOREIGN_NETWORKS, HOSTING_NETWORKS, randomAddress, TOR_EXITS, type DemoNetwork } from './networks.js';
import { demoDataPath, loadAttackPayloads } from './payloads.js';
import { Prng } from './prng.js';
import { generateTrafficRecords } from './traffic.js';

/**
 * Planted operators whose home is known, on a site's ordinary traffic (issue 16, part 2: "where
 * is the operator?"). Each operator works in a real IANA zone, so its hours follow that zone's
 * daylight saving on the log's dates:
 * - `harbour`: Shanghai, 09:00–18:00 on weekdays, six Chinese residential addresses and four
 *   Amazon cloud servers in Canada as relays (home CN: foreign);
 * - `birch`: Moscow, office hours, only cloud servers in Germany, France and the US (home RU:
 *   foreign, seen only through its hours);
 * - `maple`: Montréal, office hours, two Quebec residential addresses (home CA: domestic);
 * - `prairie`: Winnipeg, office hours, only US cloud servers (home CA: domestic, seen only
 *   through its hours, which the US shares);
 * - `onion`: a dozen requests through Tor exits at random hours (too little evidence: the
 *   honest answer is `undetermined`);
 * - `crowd`: residential proxies in eight countries around the clock (the operator could be
 *   anywhere: `undetermined`).
 */
export const OPERATOR_ACTORS = ['harbour', 'birch', 'maple', 'prairie', 'onion', 'crowd'] as const;
export type OperatorActor = (typeof OPERATOR_ACTORS)[number];

/** What each actor's operator estimate should say, and its true home (null: not knowable from the log). */
export const OPERATOR_TRUTH: Readonly<Record<OperatorActor, { expected: 'likely_foreign' | 'likely_domestic' | 'undetermined'; home: string | null }>> = {
  harbour: { expected: 'likely_foreign', home: 'CN' },
  birch: { expected: 'likely_foreign', home: 'RU' },
  maple: { expected: 'likely_domestic', home: 'CA' },
  prairie: { expected: 'likely_domestic', home: 'CA' },
  onion: { expected: 'undetermined', home: null },
  crowd: { expected: 'undetermined', home: null },
};

export interface OperatorScenarioOptions {
  seed?: number | string;
  /** First day, UTC midnight; a Monday keeps the office weeks whole. Default 2025-04-28. */
  start?: Date;
  /** Days of log. Default 7. */
  days?: number;
  /** Lines of ordinary traffic. Default 15,000. */
  backgroundLines?: number;
}

export interface OperatorRecord { line: string; time: number; actor: OperatorActor | null }

interface Actor {
  name: OperatorActor;
  zone: string;
  /** Local hours worked, weekdays only unless `allDays`. */
  from: number;
  to: number;
  allDays: boolean;
  perDay: [number, number];
  attacker: Attacker;
}

const DAY = 86_400;
const addrs = (rng: Prng, n: number, nets: readonly DemoNetwork[]): string[] => Array.from({ length: n }, () => randomAddress(rng.pick(nets), rng));
const v4 = (nets: readonly DemoNetwork[] | undefined): DemoNetwork[] => (nets ?? []).filter((n) => !n.cidr.includes(':'));
// Amazon's Canada (Central) ranges: cloud servers that geolocate in Canada.
const AWS_CANADA: DemoNetwork[] = [
  { cidr: '3.96.0.0/14', country: 'CA', kind: 'hosting', org: 'Amazon Web Services' },
  { cidr: '35.182.0.0/15', country: 'CA', kind: 'hosting', org: 'Amazon Web Services' },
];

function buildActors(rng: Prng): Actor[] {
  const payloads = loadAttackPayloads(demoDataPath());
  const attacker = (ips: string[], ua: string, classes: string[], stickiness: number): Attacker =>
    payloadAttacker({ ips, uas: [ua], classes, rawShare: 0.2, stickiness, proto: 'HTTP/1.1' }, payloads);
  const quebec = v4(CANADIAN_NETWORKS.filter((n) => n.org === 'Vidéotron' || n.org === 'Bell Canada'));
  const proxies = ['US', 'VN', 'IN', 'FR', 'DE', 'GB', 'IR', 'CN'].flatMap((c) => v4(FOREIGN_NETWORKS[c]));
  const actor = (name: OperatorActor, zone: string, from: number, to: number, perDay: [number, number], a: Attacker, allDays = false): Actor =>
    ({ name, zone, from, to, allDays, perDay, attacker: a });
  return [
    actor('harbour', 'Asia/Shanghai', 9, 18, [40, 80], attacker([...addrs(rng, 6, v4(FOREIGN_NETWORKS.CN)), ...addrs(rng, 4, AWS_CANADA)],
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36', ['sqli', 'xss', 'path_traversal'], 15)),
    actor('birch', 'Europe/Moscow', 9, 18, [30, 60], attacker(addrs(rng, 4, HOSTING_NETWORKS.filter((n) => n.org !== 'Amazon Web Services')),
      'sqlmap/1.7.2#stable (https://sqlmap.org)', ['sqli', 'nosqli'], 20)),
    actor('maple', 'America/Toronto', 9, 18, [15, 35], attacker(addrs(rng, 2, quebec), 'curl/8.5.0', ['xss', 'sqli'], 30)),
    actor('prairie', 'America/Winnipeg', 9, 18, [20, 40], attacker(addrs(rng, 3, HOSTING_NETWORKS.filter((n) => n.country === 'US' && n.org !== 'Amazon Web Services')),
      'python-requests/2.28.1', ['cmdi', 'lfi'], 25)),
    actor('onion', 'UTC', 0, 24, [1, 3], attacker(addrs(rng, 6, TOR_EXITS.filter((n) => !n.cidr.includes(':'))), 'Go-http-client/1.1', ['cmdi', 'php'], 2), true),
    actor('crowd', 'UTC', 0, 24, [30, 50], attacker(addrs(rng, 24, proxies),
      'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0', ['xss', 'ssti'], 3), true),
  ];
}

/** The actor's requests on one UTC day: local office hours in its zone, that day's offset. */
function actorDay(a: Actor, day0: number, rng: Prng): Array<{ t: number; line: string }> {
  const offset = zoneOffsetHours(a.zone, new Date((day0 + DAY / 2) * 1000)) ?? 0;
  const out: Array<{ t: number; line: string }> = [];
  const n = a.perDay[0] + rng.int(a.perDay[1] - a.perDay[0] + 1);
  for (let i = 0; i < n; i++) {
    // A local working day, placed on the UTC timeline by the zone's offset that day.
    const local = day0 + (a.from + rng.next() * (a.to - a.from)) * 3600;
    const t = Math.floor(local - offset * 3600);
    const weekday = new Date((t + offset * 3600) * 1000).getUTCDay();
    if (!a.allDays && (weekday === 0 || weekday === 6)) continue;
    out.push({ t, line: formatCombined(a.attacker(rng), clfTimestamp(t)) });
  }
  return out;
}

/**
 * The log (ordinary traffic and the planted operators), in time order, with its ground truth.
 *
 * @example
 * for (const r of generateOperatorRecords({ seed: 7 })) if (r.actor === 'harbour') console.log(r.line);
 */
export function* generateOperatorRecords(options: OperatorScenarioOptions = {}): Generator<OperatorRecord> {
  const rng = new Prng(options.seed ?? 2025);
  const start = options.start ?? new Date('2025-04-28T00:00:00Z');
  const days = options.days ?? 7;
  const actors = buildActors(rng.fork('actors'));
  const planted: OperatorRecord[] = [];
  for (let d = 0; d < days; d++) {
    const day0 = Math.floor(start.getTime() / 1000) + d * DAY;
    for (const a of actors) for (const e of actorDay(a, day0, rng.fork(`${a.name}-${d}`))) planted.push({ line: e.line, time: e.t, actor: a.name });
  }
  planted.sort((a, b) => a.time - b.time);
  let i = 0;
  const lines = options.backgroundLines ?? 15_000;
  // Many visitors, few lines each: an attacker's user agent stays rare among the site's clients.
  for (const r of generateTrafficRecords({ lines, clients: Math.max(300, Math.round(lines / 8)), attackShare: 0, start, days, seed: `${options.seed ?? 2025}-site` })) {
    while (i < planted.length && planted[i]!.time <= r.time) yield planted[i++]!;
    yield { line: r.line, time: r.time, actor: null };
  }
  while (i < planted.length) yield planted[i++]!;
}
