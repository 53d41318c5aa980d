import assert from 'node:assert/strict';
import test from 'node:test';
import { connect, StringCodec } from 'nats';
import { scaleServersInstalled, startClickHouse, startNats, type ClickHouseServer, type NatsCluster } from './scale-servers.js';

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
      const jsm = await nc.jetstreamManager();
      await jsm.streams.add({ name: 'HARNESS', subjects: ['harness.>'], num_replicas: 3 });
      const js = nc.jetstream();
      const sc = StringCodec();
      for (let i = 0; i < 5; i++) await js.publish('harness.a', sc.encode(`m${i}`));
      await nats.killNode(2);
      for (let i = 5; i < 10; i++) await js.publish('harness.a', sc.encode(`m${i}`), { timeout: 20_000 });
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
