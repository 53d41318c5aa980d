import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { corpus } from '../../testing/corpora.js';
import { rawHttp, type RawAnswer } from '../../testing/raw-http.js';
import { runCli } from '../../testing/run-cli.js';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { defaultWebDir } from '../build-server.js';
import type { ServerContext } from '../context.js';
import { testServer, type TestServer } from '../test-server.js';
import { authPlugin } from './auth.js';
import { PASSPHRASE, recipientOn, submitReport, tipsConfig } from '../test-tips.js';
import { totpCode, totpStep } from '../../tips/index.js';
import { errorsPlugin } from './errors.js';

const LOG = corpus('http/scanner-access-logs/w3af.access.log');

/** A route to walk: method, path with its parameters filled in, and a body that would succeed. */
interface Walked {
  method: string;
  path: string;
  body?: { type: string; text: string };
}

const hex = (c: string, upper: boolean): string => `%${c.charCodeAt(0).toString(16)[upper ? 'toUpperCase' : 'toLowerCase']()}`;
const encodeAll = (s: string, upper: boolean): string => [...s].map((c) => hex(c, upper)).join('');

/**
 * Every way an attacker may spell a path that a router, a proxy or the URL decoder might take
 * for the real one: percent-encoded (one letter, every letter, lower- and upper-case hex),
 * double-encoded, other letter case, `//`, `/./`, `/x/../`, `%2e`, trailing `/` and `/.`, `;`
 * parameters (plain and encoded), an encoded `/`, a NUL and a fullwidth letter.
 */
function spellings(path: string): string[] {
  const segs = path.split('/').slice(1);
  const first = segs[0]!;
  const rest = segs.slice(1).join('/');
  const tail = rest ? `/${rest}` : '';
  const last = segs.length - 1;
  const out = [
    `/${hex(first[0]!, false)}${first.slice(1)}${tail}`,
    `/${hex(first[0]!, true)}${first.slice(1)}${tail}`,
    '/' + segs.map((s) => (s.startsWith('{') ? s : `${hex(s[0]!, false)}${s.slice(1)}`)).join('/'),
    '/' + segs.map((s) => encodeAll(s, false)).join('/'),
    '/' + segs.map((s) => encodeAll(s, true)).join('/'),
    `/%25${hex(first[0]!, false).slice(1)}${first.slice(1)}${tail}`,
    `/%2525${hex(first[0]!, false).slice(1)}${first.slice(1)}${tail}`,
    path.toUpperCase(),
    `/${first[0]!.toUpperCase()}${first.slice(1)}${tail}`,
    `/${segs.map((s) => s.replace(/[a-z]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c))).join('/')}`,
    `/${path}`,
    `//${path}`,
    `/${segs.join('//')}`,
    `/.${path}`,
    `/./.${path}`,
    `/${first}/.${tail}`,
    `/x/..${path}`,
    `/${first}/x/..${tail}`,
    `/%2e${path}`,
    `/%2E%2e${path}`,
    `/x/%2e%2e${path}`,
    `${path}/`,
    `${path}//`,
    `${path}/.`,
    `${path};`,
    `${path};x=1`,
    `/${first};x${tail}`,
    `${path}%3b`,
    `${path}%3Bx=1`,
    `/${segs.join('%2f')}`,
    `/${segs.join('%2F')}`,
    `${path}%00`,
    `${path}%ZZ`,
    `/%${path.slice(1)}`,
    `${path}%20`,
    `${path}.`,
    `/%ef%bd%81${first.slice(1)}${tail}`.replace('%ef%bd%81', first[0] === 'a' ? '%ef%bd%81' : '%ef%bd%8d'),
    `/${segs.slice(0, last).join('/')}${last > 0 ? '/' : ''}${hex(segs[last]![0]!, false)}${segs[last]!.slice(1)}`,
  ];
  return [...new Set(out)].filter((s) => s !== path);
}

/** Statuses that carry no data: bad request, unauthenticated, forbidden, not found. */
const REFUSED = new Set([400, 401, 403, 404]);

describe('server: no route is reached without credentials, however its path is spelled', () => {
  let s: TestServer;
  let routes: Walked[];
  let port: number;

  before(async () => {
    // Real data (a scanner's session: findings, a behaviour finding, a campaign), analysed by
    // the CLI, so that every route has something to leak.
    const dir = (await import('node:fs/promises')).mkdtemp(join((await import('node:os')).tmpdir(), 'vigie-auth-walk-'));
    const db = join(await dir, 'walk.duckdb');
    const analysed = await runCli(['web', 'analyze', LOG, '--db', db, '--quiet', '--no-geo']);
    assert.equal(analysed.code, 0, analysed.stderr);
    // The finance routes serve a scan of real contribution lists; the influence routes a scan
    // of a generated month with planted campaigns.
    const bloc = corpus('finance/elections-canada/party-contributions-2004-2013-as-submitted/Bloc');
    const financeImport = await runCli(['finance', 'import', ...readdirSync(bloc).filter((f) => /200[456]/.test(f)).map((f) => join(bloc, f)), '--db', db, '--quiet']);
    assert.equal(financeImport.code, 0, financeImport.stderr);
    const financeScan = await runCli(['finance', 'scan', '--db', db, '--json', join(await dir, 'finance.json')]);
    assert.equal(financeScan.code, 0, financeScan.stderr);
    const posts = join(await dir, 'posts.jsonl');
    for (const args of [['influence', 'generate', '--seed', '11', '--accounts', '300', '--out', posts], ['influence', 'import', posts, '--db', db, '--quiet'], ['influence', 'scan', '--db', db, '--quiet']]) {
      const done = await runCli(args);
      assert.equal(done.code, 0, `${args.slice(0, 2).join(' ')}: ${done.stderr}`);
    }
    // The tips routes read sealed reports: the admin is made a recipient (before the server
    // opens the file), a report with a photo arrives through the public form, and the key is
    // unlocked, so that every /api/tips route has something to serve.
    const totp = await recipientOn(db, 'adam');
    // A second recipient, for the re-sharing routes to share with.
    await recipientOn(db, 'bea');
    s = await testServer({ db, webDir: defaultWebDir(), config: tipsConfig() });
    const admin = s.auth('admin');
    const report = await submitReport(s);
    const unlocked = await s.app.inject({ method: 'POST', url: '/api/tips/unlock', headers: admin, payload: { passphrase: PASSPHRASE, totp: totpCode(totp, totpStep(Date.now()) - 1) } });
    assert.equal(unlocked.statusCode, 200, unlocked.body);
    const tipsCase = (await s.app.inject({ method: 'POST', url: '/api/tips/cases', headers: admin, payload: { title: 'walk' } })).json().id as string;
    const spec = (await s.app.inject({ url: '/api/docs/json', headers: admin })).json() as { paths: Record<string, Record<string, unknown>> };
    const finding = (await s.app.inject({ url: '/api/findings?limit=1', headers: admin })).json().rows[0].id as string;
    const campaign = (await s.app.inject({ url: '/api/campaigns', headers: admin })).json().campaigns[0].id as string;
    const alert = (await s.app.inject({ url: '/api/finance/alerts?limit=1', headers: admin })).json().alerts[0].id as string;
    const group = (await s.app.inject({ url: '/api/influence/groups', headers: admin })).json().groups[0].id as string;
    const lines = readFileSync(LOG, 'utf8').split('\n').slice(0, 5).join('\n') + '\n';
    let users = 0;
    const bodyOf = (method: string, path: string): Walked['body'] => {
      if (method === 'GET') return undefined;
      if (path === '/api/ingest') return { type: 'text/plain', text: lines };
      if (path === '/api/reports') return { type: 'application/json', text: JSON.stringify({ format: 'json' }) };
      if (path === '/api/users') return { type: 'application/json', text: JSON.stringify({ name: `walker${users++}`, role: 'admin' }) };
      const tips: Record<string, unknown> = {
        [`POST /api/tips/unlock`]: { passphrase: PASSPHRASE, totp: totpCode(totp, totpStep(Date.now())) },
        [`PATCH /api/tips/reports/${report}`]: { status: 'triaged' },
        [`POST /api/tips/reports/${report}/messages`]: { text: 'walk' },
        [`POST /api/tips/reports/${report}/notes`]: { text: 'walk' },
        [`POST /api/tips/cases`]: { title: 'walk' },
        [`PATCH /api/tips/cases/${tipsCase}`]: { status: 'monitoring' },
        [`POST /api/tips/cases/${tipsCase}/reports`]: { report_id: report },
        [`POST /api/tips/cases/${tipsCase}/links`]: { module: 'web', kind: 'campaign', subject_id: campaign },
        [`POST /api/tips/cases/${tipsCase}/notes`]: { text: 'walk' },
        [`POST /api/tips/reports/${report}/share`]: { recipient: 'bea' },
        [`POST /api/tips/share`]: { recipient: 'bea' },
      };
      const tip = tips[`${method} ${path}`];
      if (tip) return { type: 'application/json', text: JSON.stringify(tip) };
      return { type: 'application/json', text: '{}' };
    };
    // Public by design (POST /api/login is how a token is checked); the server's own table says
    // which, and auth.test.ts holds that list to the expected few.
    const open = new Set(s.app.vigie.routes.filter((r) => r.access !== 'protected').map((r) => `${r.method} ${r.url}`));
    routes = [];
    for (const [template, ops] of Object.entries(spec.paths)) {
      const id = template.startsWith('/api/findings') ? finding : template.startsWith('/api/tips/reports') ? report : template.startsWith('/api/tips/cases') ? tipsCase
        : template.startsWith('/api/finance/alerts') ? alert : template.startsWith('/api/influence/groups') ? group : campaign;
      const path = template.replace('{id}', id).replace('{n}', '0');
      for (const method of Object.keys(ops).map((m) => m.toUpperCase())) {
        if (open.has(`${method} ${template.replace(/\{(\w+)\}/g, ':$1')}`)) continue;
        routes.push({ method, path, body: bodyOf(method, path) });
        if (method === 'GET') routes.push({ method: 'HEAD', path });
      }
    }
    // A route that locks the caller's key again goes last, so the routes after it still read.
    routes.sort((a, b) => Number(a.path.endsWith('/lock')) - Number(b.path.endsWith('/lock')));
    // Hidden from the OpenAPI document, authenticated all the same.
    for (const path of ['/metrics', '/api/stream', '/api/docs/json', '/api/docs']) routes.push({ method: 'GET', path }, { method: 'HEAD', path });
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    port = (s.app.server.address() as { port: number }).port;
  });
  after(() => s.close());

  it('walks every route of the OpenAPI document (and the hidden ones), each of which serves data to a signed-in admin', async () => {
    assert.ok(routes.length >= 30, `${routes.length} routes`);
    for (const r of routes) {
      if (r.path === '/api/stream' || r.method === 'HEAD') continue; // a stream never ends; HEAD has no body
      const res = await s.app.inject({ method: r.method as 'GET', url: r.path, headers: { ...s.auth('admin'), ...(r.body ? { 'content-type': r.body.type } : {}) }, ...(r.body ? { payload: r.body.text } : {}) });
      // A new route fails here until bodyOf (or the path parameters above) gives it a request
      // that succeeds: a refusal only means something for a route shown to serve data.
      assert.ok(res.statusCode >= 200 && res.statusCode < 300, `${r.method} ${r.path} as admin: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
  });

  it('answers 401 (never data) through app.inject() to every spelling, each refusal with cache-control: no-store', async () => {
    const leaks: string[] = [];
    for (const r of routes) {
      for (const url of [r.path, ...spellings(r.path)]) {
        // A stream that opens never ends: the signal bounds the wait, and no answer is a leak.
        const res = await s.app.inject({
          method: r.method as 'GET', url, signal: AbortSignal.timeout(20_000), ...(r.body ? { headers: { 'content-type': r.body.type }, payload: r.body.text } : {}),
        }).catch((err: Error) => ({ statusCode: 0, headers: {} as Record<string, string>, body: err.message }));
        if (url === r.path ? res.statusCode !== 401 : !REFUSED.has(res.statusCode)) leaks.push(`${r.method} ${url} -> ${res.statusCode}`);
        else if (res.headers['cache-control'] !== 'no-store') leaks.push(`${r.method} ${url}: ${res.statusCode} without no-store`);
      }
    }
    assert.deepEqual(leaks, []);
  });

  it('answers 401 (never data) over a real socket to every spelling, sent byte for byte as curl --path-as-is sends it', async () => {
    const leaks: string[] = [];
    const ask = (method: string, target: string, body?: Walked['body']): Promise<RawAnswer> => rawHttp(port,
      `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n` +
      (body ? `Content-Type: ${body.type}\r\nContent-Length: ${Buffer.byteLength(body.text)}\r\n\r\n${body.text}` : '\r\n'));
    for (const r of routes) {
      const targets = [r.path, ...spellings(r.path), `http://127.0.0.1:${port}${spellings(r.path)[0]}`];
      for (const target of targets) {
        const res = await ask(r.method, target, r.body).catch((err: Error) => ({ status: 0, headers: {} as Record<string, string>, body: err.message }));
        const ok = target === r.path ? res.status === 401 : REFUSED.has(res.status);
        if (!ok) leaks.push(`${r.method} ${target} -> ${res.status} ${res.body.slice(0, 80)}`);
        else if (res.headers['cache-control'] !== 'no-store') leaks.push(`${r.method} ${target}: ${res.status} without no-store`);
      }
    }
    assert.deepEqual(leaks, []);
  });

  it('refuses before reading a body: an unauthenticated upload of 16 MiB is answered 401 before one byte of it is sent', async () => {
    for (const path of ['/api/ingest', '/%61pi/ingest', '/api/reports', '/%61pi/reports', '/%61pi/users']) {
      const res = await rawHttp(port, `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${16 * 1024 * 1024}\r\n\r\n`);
      assert.equal(res.status, 401, path);
    }
  });
});

describe('auth plugin: fail closed', () => {
  it('refuses a route added before the plugin could decide its access, and protects one added after', async () => {
    const app = Fastify({ logger: false });
    app.decorate('vigie', { routes: [] } as unknown as ServerContext);
    await app.register(errorsPlugin);
    await app.register(cookie);
    app.get('/early', async () => ({ secret: 1 }));
    await app.register(authPlugin);
    app.get('/late', async () => ({ secret: 2 }));
    try {
      const early = await app.inject({ url: '/early' });
      assert.equal(early.statusCode, 403);
      assert.match(early.json().error.message, /no access decision/);
      assert.equal((await app.inject({ url: '/late' })).statusCode, 401);
      assert.deepEqual(app.vigie.routes.map((r) => `${r.method} ${r.url} ${r.access}`), ['GET /late protected', 'HEAD /late protected']);
    } finally {
      await app.close();
    }
  });
});
