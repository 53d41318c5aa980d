import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { corpus } from '../testing/corpora.js';
import { testServer, type TestServer } from './test-server.js';
import { until } from '../testing/until.js';

// Issue 17, live view: findings pushed through /api/ingest showed origin "Unknown" and country
// "—" until the next behaviour pass, and "Attacks stored" did not move. Real scanner lines (w3af
// against DVWA), with the lab's private address replaced by public ones: a Google address
// (hosting), a Tor exit, a Canadian residential and a Chinese residential address. The
// behaviour pass is off, so only the arrival itself can attribute them.
const W3AF = readFileSync(corpus('http/scanner-access-logs/w3af.access.log'), 'utf8').split('\n').filter((l) => l.includes('"w3af.org"')).slice(0, 40);
const EXPECTED: Record<string, { verdict: string; country: string }> = {
  '8.8.8.8': { verdict: 'obscured', country: 'US' },
  '102.130.113.9': { verdict: 'obscured', country: 'ZA' }, // a Tor exit in the bundled list
  '24.48.0.1': { verdict: 'domestic', country: 'CA' },
  '1.180.0.1': { verdict: 'foreign', country: 'CN' },
};

interface Event { event: string; data: Record<string, unknown> }

describe('server: pushed lines are attributed on arrival', { timeout: 180_000 }, () => {
  let s: TestServer;
  let url: string;
  const events: Event[] = [];
  const stream = new AbortController();

  before(async () => {
    s = await testServer({ behaviourEverySecs: 0, streamPollMs: 200, streamOverviewSecs: 3600 });
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
  });
  after(async () => {
    stream.abort();
    await s.close();
  });

  /** Reads server-sent events into `events` until the stream is aborted. */
  async function listen(): Promise<void> {
    const res = await fetch(`${url}/api/stream`, { headers: s.auth('viewer'), signal: stream.signal });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    await reader.read(); // the retry line: the stream is open
    void (async () => {
      let text = '';
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += decoder.decode(value, { stream: true });
          for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
            const block = text.slice(0, end);
            text = text.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
          }
        }
      } catch { /* aborted */ }
    })();
  }

  it('shows origin and country on the findings and in the live stream, and the attack count moves', async () => {
    await listen();
    const before = await until('the first totals', () => events.find((e) => e.event === 'overview'));
    assert.equal(before.data.attacks, 0);
    const lines = Object.keys(EXPECTED).flatMap((ip) => W3AF.slice(0, 10).map((l) => `${ip}${l.slice(l.indexOf(' '))}`));
    const res = await s.app.inject({
      method: 'POST', url: '/api/ingest?source=edge&format=combined', headers: { ...s.auth('analyst'), 'content-type': 'text/plain' }, payload: lines.join('\n') + '\n',
    });
    assert.equal(res.statusCode, 200, res.body);
    const flagged = Number(res.json().flagged);
    assert.ok(flagged >= Object.keys(EXPECTED).length, `flagged ${flagged}`);

    // Once the push is answered, every address has its origin: no pass has run.
    const found = await s.app.inject({ url: '/api/findings?limit=200', headers: s.auth('viewer') });
    assert.equal(found.statusCode, 200);
    const rows = found.json().rows as Array<{ ip: string; verdict: string | null; country: string | null }>;
    for (const [ip, want] of Object.entries(EXPECTED)) {
      const mine = rows.filter((r) => r.ip === ip);
      assert.ok(mine.length > 0, `findings of ${ip}`);
      for (const r of mine) assert.deepEqual({ verdict: r.verdict, country: r.country }, want, ip);
    }

    // The live stream sends them attributed, never as "Unknown" first.
    const streamed = await until('a finding of every address', () => {
      const f = events.filter((e) => e.event === 'finding');
      return Object.keys(EXPECTED).every((ip) => f.some((e) => e.data.ip === ip)) ? f : undefined;
    });
    for (const e of streamed) assert.deepEqual({ verdict: e.data.verdict, country: e.data.country }, EXPECTED[String(e.data.ip)], String(e.data.ip));

    // The totals follow the new findings (the periodic totals are an hour apart in this test).
    const after = await until('totals with the new attacks', () => events.find((e) => e.event === 'overview' && Number(e.data.attacks) > 0));
    assert.equal(after.data.attacks, flagged);
    const origins = after.data.origins as Record<string, { flagged_requests: number }>;
    assert.equal(origins.unknown!.flagged_requests, 0, 'no attack is left without an origin');
    assert.ok(origins.domestic!.flagged_requests > 0 && origins.foreign!.flagged_requests > 0 && origins.obscured!.flagged_requests > 0);
  });
});
