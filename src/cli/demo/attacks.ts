import { escapeLogBytes, escapeLogField, sendRaw } from './escape.js';
import type { DemoRequest } from './log-line.js';
import { FOREIGN_NETWORKS, HOSTING_NETWORKS, TOR_EXITS, CANADIAN_NETWORKS, randomAddress } from './networks.js';
import type { AttackPayload } from './payloads.js';
import { type Prng } from './prng.js';
import { makeScanner, makeStuffer } from './scanners.js';
import { SITE_ORIGIN } from './site.js';

/** Produces the next request of one campaign. */
export type Attacker = (rng: Prng) => DemoRequest;

export interface PayloadCampaign {
  readonly ips: readonly string[];
  readonly uas: readonly string[];
  readonly classes: readonly string[];
  /** Share of requests written as the tool sent them (raw quotes and bytes, Apache-escaped). */
  readonly rawShare: number;
  /** Requests per address before moving to the next one. */
  readonly stickiness: number;
  readonly proto: string;
}

// Pages and the parameter an attacker injects into; `/get` in CRS targets stands for the page.
const TARGETS: ReadonlyArray<readonly [string, string]> = [
  ['/en/search', 'q'],
  ['/fr/recherche', 'q'],
  ['/en/voters/polling-place', 'pc'],
  ['/en/candidates', 'riding'],
  ['/fr/candidats', 'circonscription'],
  ['/api/polling-place', 'pc'],
  ['/en/download', 'file'],
];
const FILE_CLASSES = new Set(['path_traversal', 'lfi']);

function payloadTarget(payload: AttackPayload, rng: Prng): string {
  if (payload.uri !== undefined) {
    const [path] = rng.pick(TARGETS);
    const uri = payload.uri.startsWith('/get') ? path + payload.uri.slice(4) : payload.uri;
    return uri.replace(/ /g, '%20');
  }
  const [path, param] = FILE_CLASSES.has(payload.class) ? (TARGETS[6] as readonly [string, string]) : rng.pick(TARGETS);
  return `${path}?${param}=${payload.value ?? ''}`;
}

function attackStatus(cls: string, rng: Prng): number {
  const r = rng.next();
  if (r < 0.3) return 403; // the WAF caught it
  if (cls === 'sqli' && r < 0.33) return 500;
  if (r < 0.36) return 400;
  return FILE_CLASSES.has(cls) && r < 0.6 ? 404 : 200;
}

export function payloadAttacker(campaign: PayloadCampaign, payloads: Map<string, AttackPayload[]>): Attacker {
  const pools = campaign.classes.map((c) => payloads.get(c) ?? []).filter((p) => p.length > 0);
  if (pools.length === 0) throw new Error('vigie demo: no attack payloads for campaign classes');
  let ipIndex = 0;
  let sent = 0;
  return (rng) => {
    if (++sent % campaign.stickiness === 0) ipIndex = (ipIndex + 1) % campaign.ips.length;
    const payload = rng.pick(rng.pick(pools));
    const target = payloadTarget(payload, rng);
    const raw = rng.chance(campaign.rawShare);
    const status = attackStatus(payload.class, rng);
    return {
      ip: campaign.ips[ipIndex] as string,
      method: 'GET',
      target: raw ? escapeLogBytes(sendRaw(target)) : escapeLogField(target),
      proto: campaign.proto,
      status,
      bytes: status === 403 ? 199 : status === 400 ? 226 : status === 500 ? 531 : 4000 + rng.int(14000),
      referer: rng.chance(0.2) ? `${SITE_ORIGIN}/en/` : '-',
      ua: escapeLogField(payload.ua ?? rng.pick(campaign.uas)),
    };
  };
}

const take = (n: number, make: () => string): string[] => Array.from({ length: n }, make);

/**
 * One request maker per demo campaign (see campaigns.ts), with its addresses drawn from the seed.
 *
 * @example
 * const attackers = buildAttackers(new Prng(1), loadAttackPayloads());
 * attackers.get('harbour')?.(new Prng(2)).ip; // a China Telecom/Unicom address
 */
export function buildAttackers(rng: Prng, payloads: Map<string, AttackPayload[]>): Map<string, Attacker> {
  const cn = FOREIGN_NETWORKS.CN ?? [];
  const ru = FOREIGN_NETWORKS.RU ?? [];
  const hetznerOvh = HOSTING_NETWORKS.filter((n) => n.country !== 'US');
  const usCloud = HOSTING_NETWORKS.filter((n) => n.country === 'US');
  const videotron = CANADIAN_NETWORKS.filter((n) => n.org === 'Vidéotron' && !n.cidr.includes(':'));
  const proxyCountries = ['US', 'VN', 'IN', 'FR', 'DE', 'GB', 'IR', 'CN'];
  const chrome109 =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36';
  return new Map<string, Attacker>([
    ['harbour', payloadAttacker({
      ips: take(6, () => randomAddress(rng.pick(cn), rng)),
      uas: [chrome109],
      classes: ['sqli', 'xss', 'path_traversal', 'ssti'],
      rawShare: 0.25,
      stickiness: 40,
      proto: 'HTTP/1.1',
    }, payloads)],
    ['birch', payloadAttacker({
      ips: [...take(2, () => randomAddress(rng.pick(ru), rng)), ...take(3, () => randomAddress(rng.pick(hetznerOvh), rng))],
      uas: ['sqlmap/1.8.4#stable (https://sqlmap.org)'],
      classes: ['sqli', 'nosqli'],
      rawShare: 0.4,
      stickiness: 120,
      proto: 'HTTP/1.1',
    }, payloads)],
    ['onion', payloadAttacker({
      ips: TOR_EXITS.map((n) => randomAddress(n, rng)),
      uas: ['python-requests/2.32.3', 'curl/8.5.0', 'Go-http-client/1.1', '() { :; }; echo; /bin/bash -c "cat /etc/passwd"'],
      classes: ['cmdi', 'php', 'generic', 'java', 'rfi', 'lfi', 'ldapi', 'session_fixation'],
      rawShare: 0.3,
      stickiness: 7,
      proto: 'HTTP/1.1',
    }, payloads)],
    ['cloud-scan', makeScanner(take(4, () => randomAddress(rng.pick(usCloud), rng)))],
    ['stuffing', makeStuffer(take(40, () => randomAddress(rng.pick(FOREIGN_NETWORKS[rng.pick(proxyCountries)] ?? cn), rng)))],
    ['maple', payloadAttacker({
      ips: [randomAddress(rng.pick(videotron), rng)],
      uas: ['curl/8.5.0', 'Mozilla/5.0 (X11; Linux x86_64; rv:137.0) Gecko/20100101 Firefox/137.0'],
      classes: ['xss', 'sqli'],
      rawShare: 0.5,
      stickiness: 1000,
      proto: 'HTTP/1.1',
    }, payloads)],
  ]);
}
