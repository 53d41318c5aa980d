import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { updateGeoData } from '../../src/geo/index.js';
import { ipv4ToNumber, ipv6ToWords, parseCidr } from '../../src/geo/ip-words.js';

/** The shipped lists that mark addresses as hiding their origin (data/geo/lists/). */
const HIDING_LISTS = ['tor-exits.txt', 'vpn.txt', 'relay.txt', 'cdn.txt', 'hosting.txt'] as const;

const words = new Uint32Array(4);
const v6 = (w: Uint32Array): bigint => (BigInt(w[0]!) << 96n) | (BigInt(w[1]!) << 64n) | (BigInt(w[2]!) << 32n) | BigInt(w[3]!);

/** True when some sorted value lies in [start, end]. */
function anyIn<T extends number | bigint>(sorted: readonly T[], start: T, end: T): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! <= end;
}

/**
 * A user data directory whose hiding lists are the shipped ones less every line that covers one
 * of `ips`, installed by `geo update` itself: a vigie that never saw the list those addresses came
 * from (leave one source out). Lines are removed whole, so blocks other sources also list go too:
 * the figure measured with it is a lower bound. The ASN lists (hosting and VPN operators) stay.
 *
 * @example
 * const dataDir = listsWithout(piaAddresses, root, 'pia');
 */
export function listsWithout(ips: readonly string[], root: string, name: string): string {
  const from = join(root, `download-lists-${name}`);
  const dataDir = join(root, `data-lists-${name}`);
  mkdirSync(from, { recursive: true });
  const four = ips.map(ipv4ToNumber).filter((n) => n >= 0).sort((a, b) => a - b);
  const six = ips.filter((ip) => ip.includes(':') && ipv6ToWords(ip, words)).map(() => v6(words)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const list of HIDING_LISTS) {
    const kept = readFileSync(resolve(process.cwd(), 'data/geo/lists', list), 'utf8').split('\n').filter((line) => {
      if (line.startsWith('#') || line.trim() === '') return true;
      const c = parseCidr(line.split(/[\s,]/)[0]!);
      if (!c) return true;
      return c.family === 4 ? !anyIn(four, c.start, c.end) : !anyIn(six, v6(c.start), v6(c.end));
    });
    writeFileSync(join(from, list), kept.join('\n'));
  }
  updateGeoData({ from, dataDir, now: new Date() });
  return dataDir;
}
