import type { DemoClient } from './clients.js';
import type { DemoRequest } from './log-line.js';
import type { Prng } from './prng.js';
import { PAGE_ASSETS, SITE_ORIGIN, randomPage, randomReferer } from './site.js';

// Pending asset requests cap: browsers fetch a page's assets within a second or two, so
// they must not drift far behind the page in the log.
const MAX_PENDING = 32;

/**
 * Normal visitors: each visit is a page request followed, a few lines later, by the
 * page's assets (200 on a first visit, 304 from a warm cache), interleaved with other visits.
 *
 * @example
 * const visits = new VisitStream(buildClients(100, rng), rng);
 * visits.next().target; // '/en/voters/register'
 */
export class VisitStream {
  readonly #clients: readonly DemoClient[];
  readonly #rng: Prng;
  #pending: DemoRequest[] = [];
  #head = 0;

  constructor(clients: readonly DemoClient[], rng: Prng) {
    this.#clients = clients;
    this.#rng = rng;
  }

  /** The next normal request. */
  next(): DemoRequest {
    const waiting = this.#pending.length - this.#head;
    if (waiting > 0 && (waiting >= MAX_PENDING || this.#rng.chance(0.85))) {
      const req = this.#pending[this.#head++] as DemoRequest;
      if (this.#head === this.#pending.length) {
        this.#pending = [];
        this.#head = 0;
      }
      return req;
    }
    return this.#visit();
  }

  #visit(): DemoRequest {
    const rng = this.#rng;
    const u = rng.next();
    // Skewed choice: a few heavy visitors (and the crawlers, listed first) make many requests.
    const client = this.#clients[Math.floor(u * u * this.#clients.length)] as DemoClient;
    if (client.crawler) return this.#crawl(client);
    const page = randomPage(rng, client.lang);
    const url = `${SITE_ORIGIN}${page.target}`;
    if (page.status === 200) {
      const assets = client.returning ? 2 + rng.int(3) : PAGE_ASSETS.length;
      for (let i = 0; i < assets; i++) {
        const asset = PAGE_ASSETS[i] as (typeof PAGE_ASSETS)[number];
        const cached = client.returning || rng.chance(0.05);
        this.#pending.push(request(client, asset.target, cached ? 304 : 200, cached ? 0 : asset.bytes, url));
      }
      if (page.target.includes('?pc=')) this.#pending.push(this.#finderApi(client, page.target, url));
    }
    return request(client, page.target, page.status, page.bytes, randomReferer(rng, client.lang));
  }

  #finderApi(client: DemoClient, target: string, url: string): DemoRequest {
    const failed = this.#rng.chance(0.002);
    const api = `/api/polling-place${target.slice(target.indexOf('?'))}`;
    return request(client, api, failed ? 500 : 200, failed ? 531 : 1400 + this.#rng.int(600), url);
  }

  #crawl(client: DemoClient): DemoRequest {
    const rng = this.#rng;
    if (rng.chance(0.03)) return request(client, rng.chance(0.5) ? '/robots.txt' : '/sitemap.xml', 200, 1838, '-');
    const page = randomPage(rng, client.lang);
    const status = page.status === 200 && rng.chance(0.3) ? 304 : page.status;
    return request(client, page.target, status, status === 304 ? 0 : page.bytes, '-');
  }
}

function request(client: DemoClient, target: string, status: number, bytes: number, referer: string): DemoRequest {
  return { ip: client.ip, method: 'GET', target, proto: client.proto, status, bytes, referer, ua: client.ua };
}
