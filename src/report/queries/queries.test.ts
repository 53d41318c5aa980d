import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDbStore } from '../../store/index.js';
import { campaignDetail, campaigns, countries, findingDetail, findings, findingsAfter, lastFindingPosition, overview, provinces, timeseries } from './index.js';

// A tiny world written by hand, so every expected figure below can be counted on the fingers:
// 203.0.113.5 (CN, foreign) sends 3 requests, 2 flagged; 24.48.0.1 (CA/Quebec, domestic) sends
// 2, 1 flagged; 185.220.101.20 (DE, obscured, Tor) sends 1 request, not flagged but caught by a
// client-scope finding; 10.0.0.1 has no origin row (unknown) and 1 clean request.
describe('report queries', () => {
  let dir: string;
  let store: DuckDbStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigie-queries-'));
    store = await DuckDbStore.open(join(dir, 'q.duckdb'));
    await store.query(`INSERT INTO sources VALUES (1, '/logs/access.log', 1, 1, 'h', 256, now())`);
    const ev = (line: number, ts: string, ip: string, flagged: boolean): string =>
      `(1, 1, ${line}, TIMESTAMP '${ts}', '${ip}', 'GET', 0, '', 'HTTP/1.1', 200, 10, 0, 0, 0, 0, '', '', '', ${flagged})`;
    await store.query(`INSERT INTO events VALUES ${[
      ev(1, '2025-04-28 10:05:00', '203.0.113.5', true),
      ev(2, '2025-04-28 10:06:00', '203.0.113.5', true),
      ev(3, '2025-04-28 11:00:00', '203.0.113.5', false),
      ev(4, '2025-04-28 11:10:00', '24.48.0.1', true),
      ev(5, '2025-04-29 09:00:00', '24.48.0.1', false),
      ev(6, '2025-04-29 09:30:00', '185.220.101.20', false),
      ev(7, '2025-04-29 09:31:00', '10.0.0.1', false),
    ].join(', ')}`);
    const f = (line: number, ts: string, ip: string, scope: string, cls: string, rule: string): string =>
      `(1, 1, ${line}, TIMESTAMP '${ts}', '${ip}', '${scope}', '${cls}', '${rule}', 4, 'query', 'union select', NULL, NULL, 'matched', 'RAW ${line}', NULL, NULL, NULL)`;
    await store.query(`INSERT INTO findings VALUES ${[
      f(1, '2025-04-28 10:05:00', '203.0.113.5', 'request', 'sqli', 'sqli-union'),
      f(2, '2025-04-28 10:06:00', '203.0.113.5', 'request', 'xss', 'xss-script'),
      f(4, '2025-04-28 11:10:00', '24.48.0.1', 'request', 'sqli', 'sqli-union'),
      f(6, '2025-04-29 09:30:00', '185.220.101.20', 'client', 'scanning', 'many-404'),
    ].join(', ')}`);
    await store.query(`UPDATE findings SET evidence = '[{"line":6}]' WHERE rule = 'many-404'`);
    await store.query(`INSERT INTO client_origins (ip, country, region, city, asn, org, network, verdict, confidence, reasons) VALUES
      ('203.0.113.5', 'CN', NULL, NULL, 4134, 'Chinanet', 'hosting', 'foreign', 0.9, ['a']),
      ('24.48.0.1', 'CA', 'Quebec', 'Montreal', 5769, 'Videotron', 'residential', 'domestic', 0.9, ['b']),
      ('185.220.101.20', 'DE', NULL, NULL, 60729, 'Tor', 'tor', 'obscured', 0.8, ['tor exit'])`);
    await store.query(`INSERT INTO campaigns VALUES ('c1', 2, 3, TIMESTAMP '2025-04-28 10:05:00', TIMESTAMP '2025-04-28 11:10:00', ['sqli'],
      '{"CN":1,"CA":1}', '{"hosting":1,"residential":1}', 'foreign', 0.0, 8, [0,0,0,0,0,0,0,0,0,0,2,1,0,0,0,0,0,0,0,0,0,0,0,0], 0.6, ['r'], '{"ua":"x"}', now(), NULL)`);
    await store.query(`INSERT INTO campaign_clients VALUES ('c1', '203.0.113.5'), ('c1', '24.48.0.1')`);
    await store.refreshClients();
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('overview counts attacks as flagged requests and flagged clients as clients with a finding', async () => {
    const o = await overview(store, {});
    assert.equal(o.requests, 7);
    assert.equal(o.clients, 4);
    assert.equal(o.attacks, 3);
    assert.equal(o.flagged_clients, 3);
    assert.deepEqual(o.origins.foreign, { clients: 1, flagged_clients: 1, requests: 3, flagged_requests: 2 });
    assert.deepEqual(o.origins.obscured, { clients: 1, flagged_clients: 1, requests: 1, flagged_requests: 0 });
    assert.deepEqual(o.origins.unknown, { clients: 1, flagged_clients: 0, requests: 1, flagged_requests: 0 });
    assert.deepEqual(o.findings_by_class, { sqli: 2, scanning: 1, xss: 1 });
    assert.equal(o.campaigns, 1);
  });

  it('overview honours a time range, with offsets in the dates', async () => {
    const o = await overview(store, { from: '2025-04-28T00:00:00Z', to: '2025-04-28T07:08:00-04:00' });
    assert.equal(o.requests, 3); // 10:05, 10:06, 11:00 UTC; 11:10 UTC is 07:10 in Montreal
    assert.equal(o.attacks, 2);
    assert.equal(o.campaigns, 1);
    assert.equal((await overview(store, { from: '2025-04-30' })).campaigns, 0);
  });

  it('timeseries buckets flagged requests by hour and day with their verdicts', async () => {
    assert.deepEqual(await timeseries(store, {}, 'hour'), [
      { t: '2025-04-28T10:00:00Z', attacks: 2, foreign: 2, domestic: 0, obscured: 0, unknown: 0 },
      { t: '2025-04-28T11:00:00Z', attacks: 1, foreign: 0, domestic: 1, obscured: 0, unknown: 0 },
    ]);
    assert.deepEqual((await timeseries(store, {}, 'day')).map((p) => [p.t, p.attacks]), [['2025-04-28T00:00:00Z', 3]]);
  });

  it('countries and provinces list attacking clients by origin', async () => {
    const c = await countries(store, {});
    assert.deepEqual(c.map((x) => [x.country, x.attacks, x.clients]), [['CN', 2, 1], ['CA', 1, 1], ['DE', 0, 1]]);
    assert.equal(c[2]!.verdicts.obscured, 0);
    assert.equal(c[1]!.verdicts.domestic, 1);
    assert.deepEqual(await provinces(store, {}), [{ region: 'Quebec', attacks: 1, clients: 1 }]);
  });

  it('campaigns list and detail with clients and hours', async () => {
    const list = await campaigns(store);
    assert.equal(list.length, 1);
    assert.deepEqual(list[0]!.countries, { CN: 1, CA: 1 });
    assert.equal(list[0]!.utc_offset_hours, 8);
    // A campaign stored before French reasons were kept shows its English ones in French too.
    assert.deepEqual(list[0]!.reasons_fr, ['r']);
    await store.query(`UPDATE campaigns SET reasons_fr = ['raison'] WHERE campaign_id = 'c1'`);
    assert.deepEqual((await campaigns(store))[0]!.reasons_fr, ['raison']);
    await store.query(`UPDATE campaigns SET reasons_fr = NULL WHERE campaign_id = 'c1'`);
    const d = await campaignDetail(store, 'c1');
    assert.equal(d!.campaign.hours[10], 2);
    assert.deepEqual(d!.clients.map((x) => [x.ip, x.flagged_requests, x.verdict]), [['203.0.113.5', 2, 'foreign'], ['24.48.0.1', 1, 'domestic']]);
    assert.equal(await campaignDetail(store, 'nope'), null);
  });

  it('findings filter, page, and open with evidence', async () => {
    const all = await findings(store, {}, 100, 0);
    assert.equal(all.total, 4);
    assert.equal(all.rows[0]!.rule, 'many-404'); // newest first
    assert.equal((await findings(store, { class: 'sqli' }, 100, 0)).total, 2);
    assert.equal((await findings(store, { verdict: 'foreign' }, 100, 0)).total, 2);
    assert.equal((await findings(store, { country: 'CA' }, 100, 0)).total, 1);
    assert.equal((await findings(store, { asn: 60729 }, 100, 0)).total, 1);
    const page = await findings(store, {}, 2, 2);
    assert.deepEqual(page.rows.map((r) => r.rule), ['xss-script', 'sqli-union']);
    const d = await findingDetail(store, all.rows[0]!.id, true);
    assert.equal(d!.file, 'access.log', 'the file name, not where the server keeps it');
    assert.equal(d!.raw, 'RAW 6');
    assert.deepEqual(d!.evidence, [{ line: 6 }]);
    assert.equal((await findingDetail(store, all.rows[0]!.id, false))!.raw, undefined);
    assert.equal(await findingDetail(store, 'garbage', true), null);
  });

  it('the live position moves only with new findings', async () => {
    const p = await lastFindingPosition(store);
    assert.deepEqual((await findingsAfter(store, p, 10)).rows, []);
    await store.query(`INSERT INTO findings (run_id, source_id, line, ts, ip, scope, class, rule, severity, location, fragment, reason, raw)
                       VALUES (1, 1, 8, TIMESTAMP '2020-01-01', '203.0.113.5', 'request', 'lfi', 'lfi-etc', 4, 'path', '../', 'r', 'x')`);
    const next = await findingsAfter(store, p, 10);
    assert.deepEqual(next.rows.map((r) => r.rule), ['lfi-etc']);
    assert.ok(next.position > p);
  });
});
