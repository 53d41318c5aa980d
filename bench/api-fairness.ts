/**
 * `npm run bench:fairness`: can one viewer starve the others? One viewer busts the answer
 * cache (`from=` changes on every request, so every request is a full query) on many
 * connections, while another viewer asks for fresh answers one at a time. Prints the second
 * viewer's latency alone and under that load, and what the busting viewer got.
 *
 *   npm run bench:fairness -- --lines 1000000 --duration 20 --connections 10
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createUser } from '../src/server/auth/users.js';
import { startServer } from '../src/server/start-server.js';
import { DuckDbStore } from '../src/store/index.js';
import { database } from './api-database.js';

/** A `from` no one asked for before, before the data starts, so the query covers everything. */
let unique = 0;
const freshFrom = (): string => new Date(Date.UTC(2000, 0, 1) + unique++ * 1000).toISOString();

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

/** One viewer asking for a fresh overview, one request after the other, for `secs`. */
async function viewer(url: string, token: string, secs: number): Promise<{ ms: number[]; statuses: Record<number, number> }> {
  const ms: number[] = [];
  const statuses: Record<number, number> = {};
  const end = Date.now() + secs * 1000;
  while (Date.now() < end) {
    const t = performance.now();
    const res = await fetch(`${url}/api/overview?from=${freshFrom()}`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    ms.push(performance.now() - t);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  }
  return { ms: ms.sort((a, b) => a - b), statuses };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { lines: { type: 'string', default: '1000000' }, duration: { type: 'string', default: '20' }, connections: { type: 'string', default: '10' } } });
  const db = await database(Number(values.lines));
  const store = await DuckDbStore.open(db);
  const victim = await createUser(store, `victim-${Date.now()}`, 'viewer');
  const buster = await createUser(store, `buster-${Date.now()}`, 'viewer');
  const [count] = await store.query(`SELECT count(*) AS n FROM events`);
  await store.close();
  const secs = Number(values.duration);
  // No live behaviour passes: nothing is followed, and a first pass over the whole database
  // would compete with the queries being measured.
  const server = await startServer({ db, port: 0, logger: false, behaviourEverySecs: 0 });
  process.stdout.write(`bench:fairness: ${Number(count!.n).toLocaleString('en-CA')} events; ${secs} s per phase; the busting viewer on ${values.connections} connections\n`);
  try {
    const alone = await viewer(server.url, victim, secs);
    const busting = autocannon({
      url: server.url, connections: Number(values.connections), duration: secs + 2,
      headers: { authorization: `Bearer ${buster}` },
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/overview?from=${freshFrom()}` }) }],
    });
    const loaded = await viewer(server.url, victim, secs);
    const b = await busting;
    const row = (what: string, v: { ms: number[]; statuses: Record<number, number> }): string =>
      `| ${what} | ${v.ms.length} | ${Math.round(percentile(v.ms, 50))} | ${Math.round(percentile(v.ms, 99))} | ${Math.round(v.ms.at(-1) ?? NaN)} | ${JSON.stringify(v.statuses)} |`;
    const codes = Object.fromEntries(['1xx', '2xx', '3xx', '4xx', '5xx'].map((k) => [k, (b as unknown as Record<string, number>)[k] ?? 0]).filter(([, n]) => n));
    process.stdout.write([
      '', '| who | requests | p50 ms | p99 ms | max ms | statuses |', '|---|---|---|---|---|---|',
      row('viewer alone', alone),
      row('viewer while another busts the cache', loaded),
      `| the busting viewer (${values.connections} connections) | ${b.requests.total} (${Math.round(b.requests.average)}/s) | ${b.latency.p50} | ${b.latency.p99} | ${b.latency.max} | ${JSON.stringify(codes)} |`,
      '',
    ].join('\n'));
  } finally {
    await server.close();
  }
}

await main();
// autocannon leaves a timer behind that would keep the process alive for minutes after the
// figures are printed and the server closed.
process.exit(0);
