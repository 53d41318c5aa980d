/**
 * `npm run bench:api`: how fast the dashboard's API answers with many events stored.
 * Builds a database from the demo generator (cached in bench/out/), starts the server on
 * loopback, and runs autocannon against the dashboard's main routes, one after the other;
 * prints p50/p99 latency and requests per second per route. Goal: p99 < 200 ms at 10M events.
 *
 *   npm run bench:api -- --lines 10000000 --duration 10 --connections 10
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createUser } from '../src/server/auth/users.js';
import { startServer } from '../src/server/start-server.js';
import { DuckDbStore } from '../src/store/index.js';
import { database } from './api-database.js';

const ROUTES = ['/api/overview', '/api/timeseries?bucket=hour', '/api/countries', '/api/campaigns', '/api/findings?limit=100', '/api/findings?class=sqli&limit=100&offset=1000'];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { lines: { type: 'string', default: '10000000' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } } });
  const lines = Number(values.lines);
  const db = await database(lines);
  const store = await DuckDbStore.open(db);
  const token = await createUser(store, `bench-${Date.now()}`, 'viewer');
  const [count] = await store.query(`SELECT count(*) AS n FROM events`);
  await store.close();
  const server = await startServer({ db, port: 0, logger: false });
  process.stdout.write(`bench:api: ${Number(count!.n).toLocaleString('en-CA')} events stored; ${values.connections} connections, ${values.duration} s per route, ${server.url}\n\n`);
  const rows: string[] = ['| route | requests/s | p50 ms | p99 ms | max ms | errors |', '|---|---|---|---|---|---|'];
  let worst = 0;
  try {
    for (const path of ROUTES) {
      const headers = { authorization: `Bearer ${token}` };
      const first = Date.now();
      const cold = await fetch(`${server.url}${path}`, { headers });
      if (cold.status !== 200) throw new Error(`${path}: HTTP ${cold.status} ${await cold.text()}`);
      const coldMs = Date.now() - first;
      const r = await autocannon({ url: `${server.url}${path}`, headers, connections: Number(values.connections), duration: Number(values.duration) });
      worst = Math.max(worst, r.latency.p99);
      rows.push(`| \`${path}\` (first ${coldMs} ms) | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.latency.max} | ${r.errors + r.non2xx} |`);
      process.stdout.write(rows.at(-1) + '\n');
    }
  } finally {
    await server.close();
  }
  process.stdout.write(`\n${rows.join('\n')}\n\nworst p99: ${worst} ms (goal < 200 ms) — ${worst < 200 ? 'met' : 'NOT met'}\n`);
}

await main();
