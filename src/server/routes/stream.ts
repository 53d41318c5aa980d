import type { ServerResponse } from 'node:http';
import { VigieError } from '../../core/index.js';
import { findingsAfter, lastFindingPosition, overview } from '../../report/queries/index.js';
import { userOf } from '../context.js';
import { definePlugin } from '../plugin.js';

/** Options of the live stream. */
export interface StreamOptions extends Record<string, unknown> {
  pollMs: number;
  overviewEveryMs: number;
  /** Streams one user may hold open. */
  maxPerUser: number;
  /** Streams open at once, all users together. */
  maxTotal: number;
}

/**
 * Longest wait for pushed batches to be attributed before new findings are read anyway: the
 * first push loads the attribution data (9 s measured on a loaded 2-core machine).
 */
const ARRIVAL_WAIT_MS = 30_000;
/** Polls in a row that may hold back findings read while another batch arrived, before sending anyway. */
const MAX_HELD_POLLS = 10;
/** Fresh totals after new findings at most this often: each is a query over everything stored. */
const MIN_OVERVIEW_GAP_MS = 2_000;

/**
 * GET /api/stream: server-sent events while logs are followed or pushed. One poller serves
 * every open stream: each second it reads the findings stored since the last it saw (by
 * storage position, not log time) and sends each as `event: finding`; now and then an
 * `event: overview` with fresh totals. Polling the read side keeps the ingest path unaware of
 * the dashboard. A stream holds a socket for as long as the viewer stays, so how many are open
 * is capped, per user and in all: one user's tabs (or a script) cannot take every socket.
 */
export const streamRoutes = definePlugin<StreamOptions>('vigie-routes-stream', ['vigie-auth'], false, async (app, options) => {
  // One poller for every viewer, in a lane of its own: viewers' queries never delay it much.
  const db = app.vigie.reader.lane('stream');
  const clients = new Set<ServerResponse>();
  const perUser = new Map<string, number>();
  let position: number | null = null;
  let lastOverview = 0;
  let busy = false;
  const gate = app.vigie.arrivals;
  let held = 0;
  // Findings were sent since the last totals: the next totals are due once the gap allows.
  let totalsBehind = false;

  const send = (event: string, data: unknown): void => {
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of clients) res.write(text);
  };
  const tick = async (): Promise<void> => {
    if (busy || clients.size === 0) return;
    busy = true;
    try {
      position ??= await lastFindingPosition(db);
      // A pushed batch being stored is read once its addresses have their origin. Findings read
      // while another batch arrived may be that batch's, not attributed yet: they are read again
      // at the next poll (for at most MAX_HELD_POLLS polls in a row).
      await gate.settled(ARRIVAL_WAIT_MS);
      let sent = 0;
      for (let more = true; more;) {
        const next = await findingsAfter(db, position, 200);
        if (next.rows.length > 0 && gate.busy && held < MAX_HELD_POLLS) {
          held++;
          break;
        }
        held = 0;
        for (const row of next.rows) send('finding', row);
        sent += next.rows.length;
        position = next.position;
        more = next.rows.length === 200;
      }
      // New findings mean new attacks: the totals follow them (at most every MIN_OVERVIEW_GAP_MS),
      // and are sent every overviewEveryMs anyway.
      if (sent > 0) totalsBehind = true;
      const since = Date.now() - lastOverview;
      if (since >= options.overviewEveryMs || (totalsBehind && since >= Math.min(MIN_OVERVIEW_GAP_MS, options.overviewEveryMs))) {
        lastOverview = Date.now();
        totalsBehind = false;
        send('overview', await overview(db, {}));
      }
    } catch (err) {
      app.log.error({ err: err instanceof Error ? err.message : String(err) }, 'live stream poll failed');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.pollMs);
  timer.unref();
  // preClose, not onClose: the server waits for open connections before onClose, and a
  // stream never ends by itself.
  app.addHook('preClose', async () => {
    clearInterval(timer);
    for (const res of clients) res.end();
    clients.clear();
  });

  // Counted from the request on (not from when the stream opens), so a burst of requests cannot
  // all pass the check while the first ones await the database.
  let open = 0;
  const reserve = (user: string): (() => void) => {
    const mine = perUser.get(user) ?? 0;
    if (mine >= options.maxPerUser) {
      throw new VigieError('VIGIE_ERR_HTTP_RATE_LIMITED', `${user} has ${mine} live streams open, the most one user may; close a dashboard tab`);
    }
    if (open >= options.maxTotal) throw new VigieError('VIGIE_ERR_HTTP_BUSY', `the server has ${open} live streams open, its limit; try again later`);
    open++;
    perUser.set(user, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      open--;
      const left = (perUser.get(user) ?? 1) - 1;
      if (left > 0) perUser.set(user, left);
      else perUser.delete(user);
    };
  };

  app.get('/api/stream', { schema: { tags: ['read'], summary: 'Server-sent events: new findings (event: finding) and totals (event: overview)' } }, async (request, reply) => {
    // Released when the response closes: the viewer left, the server stops, or this request
    // failed before the stream opened.
    reply.raw.on('close', reserve(userOf(request).name));
    // A new stream starts at what is stored now: when nobody was listening the poller stood
    // still, and its position is not news to this viewer. Set before the stream opens, so a
    // finding committed once the client sees the stream open is always sent.
    if (clients.size === 0) position = await lastFindingPosition(db);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.write(`retry: 3000\n\n`);
    clients.add(res);
    lastOverview = 0; // a new viewer gets the totals at the next tick
    request.raw.on('close', () => clients.delete(res));
  });
});
