import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { GeoAttributor } from '../../geo/index.js';
import { DuckDbStore } from '../../store/index.js';
import { attributeClients } from './attribute-clients.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-origins-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

// A Tor exit (Onionoo snapshot), a Vidéotron customer, Googlebot, and a private address.
const CLIENTS = ['185.220.101.20', '24.200.196.77', '66.249.66.1', '10.1.2.3'];

test('every client is attributed once, and again only when the data or home country changes', async () => {
  const store = await DuckDbStore.open(join(dir, 'o.duckdb'));
  try {
    for (const ip of CLIENTS) await store.query(`INSERT INTO clients (ip, requests, flagged_requests) VALUES ($ip, 1, 0)`, { ip });
    const geo = new GeoAttributor({ home: 'CA', dataDir: null });
    const first = await attributeClients(store, geo, { dataVersion: 'CA|v1', batchRows: 3 });
    assert.equal(first.attributed, 4);
    const rows = await store.query(`SELECT ip, country, verdict, network, reasons FROM client_origins ORDER BY ip`);
    const byIp = new Map(rows.map((r) => [String(r.ip), r]));
    assert.equal(byIp.get('185.220.101.20')!.verdict, 'obscured');
    assert.equal(byIp.get('185.220.101.20')!.network, 'tor');
    assert.equal(byIp.get('24.200.196.77')!.verdict, 'domestic');
    assert.equal(byIp.get('24.200.196.77')!.country, 'CA');
    assert.equal(byIp.get('10.1.2.3')!.verdict, 'unknown');
    assert.ok((byIp.get('10.1.2.3')!.reasons as string[]).length > 0);

    // A new client is attributed alone; the others are current.
    await store.query(`INSERT INTO clients (ip, requests, flagged_requests) VALUES ('8.8.8.8', 1, 0)`);
    const second = await attributeClients(store, geo, { dataVersion: 'CA|v1' });
    assert.deepEqual([second.attributed, second.current], [1, 4]);

    // Another home country: everything again, and the Canadian address is now foreign.
    const us = await attributeClients(store, new GeoAttributor({ home: 'US', dataDir: null }), { dataVersion: 'US|v1' });
    assert.equal(us.attributed, 5);
    const [ca] = await store.query(`SELECT verdict FROM client_origins WHERE ip = '24.200.196.77'`);
    assert.equal(ca!.verdict, 'foreign');
    const [count] = await store.query(`SELECT count(*)::INTEGER AS n FROM client_origins`);
    assert.equal(count!.n, 5);
  } finally {
    await store.close();
  }
});
