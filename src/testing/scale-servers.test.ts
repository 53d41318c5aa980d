import assert from 'node:assert/strict';
import test from 'node:test';
import { connect, StringCodec } from 'nats';
import { scaleServersInstalled, startClickHouse, startNats, waitFor, type ClickHouseServer, type NatsCluster } from './scale-servers.js';

// The scale-out harness itself: a 3-node NATS cluster with JetStream and a ClickHouse server,
// started on free ports of 127.0.0.1, answering, then stopped.
const skip = scaleServersInstalled() ? false : 'nats-server / clickhouse-server not installed (.ci/run installs them)';

test('a 3-node NATS cluster replicates a JetStream stream and goes on with one node killed; ClickHouse answers SQL', { skip, timeout: 180_000 }, async () => {
  let nats: NatsCluster | undefined;
  let ch: ClickHouseServer | undefined;
  try {
    [nats, ch] = await Promise.all([startNats({ nodes: 3 }), startClickHouse()]);
    const nc = await connect({ servers: nats.urls, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    try {
      // Generous API timeouts: a loaded machine may take seconds to answer (elections, fsync).
      const jsm = await nc.jetstreamManager({ timeout: 30_000 });
      // Until the stream's own leader is elected, JetStream answers 503: wait on that state.
      await waitFor('the HARNESS stream', async () => Boolean(await jsm.streams.add({ name: 'HARNESS', subjects: ['harness.>'], num_replicas: 3 })), 60_000);
      await waitFor('the HARNESS stream leader', async () => Boolean((await jsm.streams.info('HARNESS')).cluster?.leader), 60_000);
      const js = nc.jetstream({ timeout: 30_000 });
      const sc = StringCodec();
      for (let i = 0; i < 5; i++) await js.publish('harness.a', sc.encode(`m${i}`), { timeout: 30_000 });
      await nats.killNode(2);
      // A publish sent while the killed node's streams elect a new leader may go unanswered: sent
      // again with the same id (deduplicated by JetStream) until acknowledged.
      for (let i = 5; i < 10; i++) await waitFor(`publish m${i}`, async () => Boolean(await js.publish('harness.a', sc.encode(`m${i}`), { msgID: `m${i}`, timeout: 5_000 })), 90_000);
      const info = await jsm.streams.info('HARNESS');
      assert.equal(info.state.messages, 10, 'every message acknowledged is in the stream, one node down');
      await nats.restartNode(2);
    } finally {
      await nc.close();
    }
    const response = await fetch(`${ch.httpUrl}/`, { method: 'POST', body: 'SELECT version() AS v, 1 + 1 AS two FORMAT JSONEachRow' });
    const row = JSON.parse(await response.text()) as { v: string; two: number };
    assert.equal(row.two, 2);
    assert.match(row.v, /^\d+\.\d+/);
  } finally {
    await Promise.all([nats?.stop(), ch?.stop()]);
  }
});
