import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testServer, type TestServer } from '../test-server.js';

describe('live stream: how many may be open', () => {
  let s: TestServer;
  let url: string;
  const open: AbortController[] = [];

  /** Open a stream as `role`; resolves with its status once the server answered (200: the stream is open). */
  const stream = async (role: 'viewer' | 'analyst' | 'admin'): Promise<{ status: number; code?: string; close: () => void }> => {
    const controller = new AbortController();
    const res = await fetch(`${url}/api/stream`, { headers: s.auth(role), signal: controller.signal });
    if (res.status !== 200) return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code, close: () => undefined };
    const reader = res.body!.getReader();
    await reader.read(); // the retry line: the stream is open
    open.push(controller);
    return { status: 200, close: () => controller.abort() };
  };

  before(async () => {
    s = await testServer({ maxStreamsPerUser: 2, maxStreams: 3 });
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
  });
  after(async () => {
    for (const c of open) c.abort();
    await s.close();
  });

  it('caps the streams of one user (429) and of all users together (503), and frees a place when a viewer leaves', async () => {
    const first = await stream('viewer');
    assert.equal(first.status, 200);
    assert.equal((await stream('viewer')).status, 200);
    const third = await stream('viewer');
    assert.deepEqual([third.status, third.code], [429, 'VIGIE_ERR_HTTP_RATE_LIMITED']);
    assert.equal((await stream('analyst')).status, 200, 'another user still gets one');
    const full = await stream('admin');
    assert.deepEqual([full.status, full.code], [503, 'VIGIE_ERR_HTTP_BUSY']);
    first.close();
    // The server learns that the viewer left when the socket closes: wait for that state.
    const deadline = Date.now() + 30_000;
    for (let again = await stream('viewer'); again.status !== 200; again = await stream('viewer')) {
      assert.equal(again.status, 429);
      assert.ok(Date.now() < deadline, 'the place of the stream that closed was never freed');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
