import {
  CANADIAN_NETWORKS,
  CRAWLER_NETWORKS,
  type DemoNetwork,
  FOREIGN_NETWORKS,
  randomAddress,
} from './networks.js';
import { type Prng, weighted } from './prng.js';

/** One visitor of the demo site: an address, a browser, a language. */
export interface DemoClient {
  readonly ip: string;
  readonly ua: string;
  /** Protocol string as Apache logs it: browsers mostly speak HTTP/2. */
  readonly proto: 'HTTP/1.1' | 'HTTP/2.0';
  readonly lang: 'en' | 'fr';
  readonly crawler: boolean;
  /** Has the assets cached: asset requests come back 304. */
  readonly returning: boolean;
}

const DESKTOP_UAS: readonly string[] = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36 Edg/135.0.0.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:137.0) Gecko/20100101 Firefox/137.0',
  'Mozilla/5.0 (X11; Linux x86_64; rv:137.0) Gecko/20100101 Firefox/137.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:137.0) Gecko/20100101 Firefox/137.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36',
];
const MOBILE_UAS: readonly string[] = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_3_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPad; CPU OS 18_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/135.0.7049.83 Mobile/15E148 Safari/604.1',
];
const CRAWLER_UAS = {
  google: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/135.0.7049.84 Safari/537.36',
  bing: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36',
} as const;

// Where visitors of a Canadian election site connect from; v6 blocks are a few % of clients.
const pickOrigin = weighted<string>([
  ['CA', 86],
  ['US', 6],
  ['FR', 2],
  ['GB', 1.2],
  ['DE', 1],
  ['IN', 1.2],
  ['CN', 1],
  ['VN', 0.4],
  ['IR', 0.2],
]);
const canadianV4 = CANADIAN_NETWORKS.filter((n) => !n.cidr.includes(':'));
const canadianV6 = CANADIAN_NETWORKS.filter((n) => n.cidr.includes(':'));

function pickNetwork(rng: Prng): DemoNetwork {
  const country = pickOrigin(rng);
  if (country !== 'CA') return rng.pick(FOREIGN_NETWORKS[country] ?? []);
  return rng.chance(0.05) ? rng.pick(canadianV6) : rng.pick(canadianV4);
}

function makeBrowser(rng: Prng): DemoClient {
  const network = pickNetwork(rng);
  const mobile = network.kind === 'mobile' || rng.chance(0.45);
  const quebec = network.org === 'Vidéotron';
  const frShare = quebec ? 0.85 : network.country === 'FR' ? 0.9 : network.country === 'CA' ? 0.15 : 0.05;
  return {
    ip: randomAddress(network, rng),
    ua: rng.pick(mobile ? MOBILE_UAS : DESKTOP_UAS),
    proto: rng.chance(0.7) ? 'HTTP/2.0' : 'HTTP/1.1',
    lang: rng.chance(frShare) ? 'fr' : 'en',
    crawler: false,
    returning: rng.chance(0.35),
  };
}

function makeCrawler(rng: Prng, index: number): DemoClient {
  const which = index % 3 === 2 ? 'bing' : 'google';
  return {
    ip: randomAddress(CRAWLER_NETWORKS[which], rng),
    ua: CRAWLER_UAS[which],
    proto: 'HTTP/1.1',
    lang: rng.chance(0.5) ? 'fr' : 'en',
    crawler: true,
    returning: false,
  };
}

/**
 * The visitor population: mostly Canadian residential and mobile users, some abroad,
 * and a few search-engine crawlers.
 *
 * @example
 * const clients = buildClients(20_000, new Prng(7));
 * clients[0].ip; // e.g. '99.231.4.17'
 */
export function buildClients(count: number, rng: Prng): DemoClient[] {
  const clients: DemoClient[] = [];
  const crawlers = Math.max(1, Math.round(count * 0.002));
  for (let i = 0; i < count; i++) clients.push(i < crawlers ? makeCrawler(rng, i) : makeBrowser(rng));
  return clients;
}
