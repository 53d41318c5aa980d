import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { DEMO_CAMPAIGNS } from '../../cli/demo/campaigns.js';
import { generateTrafficRecords, type TrafficOptions } from '../../cli/demo/traffic.js';
import { writeTrafficFile } from '../../cli/demo/write-traffic.js';
import { DuckDbStore } from '../../store/index.js';
import { runCli } from '../../testing/run-cli.js';

// Five weekdays (the demo starts on Monday 2025-04-28) of a small site: enough days for
// working hours to show, small enough to analyse in seconds.
const TRAFFIC: TrafficOptions = { lines: 40_000, days: 5, seed: 2025 };
const dir = mkdtempSync(join(tmpdir(), 'vigie-campaigns-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

interface JsonCampaign {
  id: string; clients: number; requests: number; first_seen: string; last_seen: string; classes: string[];
  countries: Record<string, number>; networks: Record<string, number>; verdict: string;
  utc_offset_hours: number | null; confidence: number; reasons: string[]; reasons_fr: string[]; sample_ips: string[];
}

/** Ground truth: the campaign of each attacking address, from the generator itself. */
function truthByIp(): Map<string, string> {
  const truth = new Map<string, string>();
  for (const r of generateTrafficRecords(TRAFFIC)) if (r.campaign) truth.set(r.line.slice(0, r.line.indexOf(' ')), r.campaign);
  return truth;
}

test('web analyze groups the demo attacks into their campaigns, with origins and the operator offset', async () => {
  const log = join(dir, 'access.log');
  const db = join(dir, 'vigie.duckdb');
  const jsonPath = join(dir, 'summary.json');
  writeTrafficFile(log, TRAFFIC);
  const r = await runCli(['web', 'analyze', log, '--db', db, '--json', jsonPath]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, any>;

  // The summary leads with the answer: attacks, then their origin split, then the campaigns.
  const lines = r.stdout.split('\n');
  assert.match(lines[0]!, /^Attacks: [\d,]+ of 40,000 requests flagged/);
  assert.match(lines[1]!, /^Origin of the attacks: foreign \d+\.\d% · domestic \d+\.\d% · obscured \d+\.\d% · unknown \d+\.\d% \(share of attacks/);
  assert.ok(r.stdout.indexOf('Campaigns (') < r.stdout.indexOf('Analysed 40,000 lines'), r.stdout);
  assert.match(r.stdout, /IP Geolocation by DB-IP \(https:\/\/db-ip\.com\), CC BY 4\.0/);
  // Geolocation databases older than 60 days are named in the JSON and warned about in the text.
  const oldDb = (s.geo_data.files as Array<{ name: string; age_days: number | null }>).some((f) => f.name.endsWith('.mmdb') && (f.age_days === null || f.age_days > 60));
  if (oldDb) assert.match(s.geo_data.warning, /older than 60 days/);
  assert.equal(/^Warning: geolocation data is .*older than 60 days/m.test(r.stdout), s.geo_data.warning !== null);

  // Origins add up to the run's clients and attacks.
  const verdicts = Object.values(s.origins as Record<string, { clients: number; clients_flagged: number; requests_flagged: number }>);
  assert.deepEqual(Object.keys(s.origins).sort(), ['domestic', 'foreign', 'obscured', 'unknown']);
  assert.equal(verdicts.reduce((a, v) => a + v.clients, 0), s.clients);
  assert.equal(verdicts.reduce((a, v) => a + v.clients_flagged, 0), s.clients_flagged);
  assert.equal(verdicts.reduce((a, v) => a + v.requests_flagged, 0), s.requests_flagged);
  assert.equal((s.by_country as Array<{ clients: number }>).reduce((a, c) => a + c.clients, 0), s.clients);
  assert.match(s.geo_data.attribution, /DB-IP/);

  const campaigns = s.campaigns as JsonCampaign[];
  for (const c of campaigns) {
    for (const k of ['id', 'clients', 'requests', 'first_seen', 'last_seen', 'classes', 'countries', 'networks', 'verdict', 'utc_offset_hours', 'confidence', 'reasons']) {
      assert.ok(k in c, `campaign field ${k}`);
    }
    assert.match(c.id, /^C-[0-9a-f]{8}$/);
    assert.ok(c.confidence >= 0 && c.confidence <= 1);
    // Each English reason has its French sentence, in the same order.
    assert.equal(c.reasons_fr.length, c.reasons.length);
    assert.ok(c.reasons_fr.every((x, i) => x !== c.reasons[i]), c.reasons_fr.join('\n'));
  }

  // Recovery against the ground truth, from the stored campaign members.
  const truth = truthByIp();
  const store = await DuckDbStore.open(db);
  let members: Array<Record<string, unknown>>;
  try {
    members = await store.query(`SELECT campaign_id, ip FROM campaign_clients`);
    const [row] = await store.query(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE len(reasons_fr) = len(reasons))::INTEGER AS fr FROM campaigns`);
    assert.equal(row!.n, campaigns.length);
    assert.equal(row!.fr, campaigns.length, 'French reasons are stored beside the English ones');
  } finally {
    await store.close();
  }
  const byCampaign = new Map<string, string[]>();
  for (const m of members) byCampaign.set(String(m.campaign_id), [...(byCampaign.get(String(m.campaign_id)) ?? []), truth.get(String(m.ip)) ?? 'normal']);
  // Purity: each vigie campaign is (almost) all one ground-truth campaign: none are merged.
  for (const [id, labels] of byCampaign) {
    const top = Math.max(...[...new Set(labels)].map((l) => labels.filter((x) => x === l).length));
    assert.ok(top / labels.length >= 0.9, `campaign ${id} mixes ${labels.join(',')}`);
  }
  // Completeness: each ground-truth campaign's grouped clients are mostly in one vigie campaign.
  for (const spec of DEMO_CAMPAIGNS) {
    const homes = members.filter((m) => truth.get(String(m.ip)) === spec.id).map((m) => String(m.campaign_id));
    if (homes.length < 2) continue;
    const top = Math.max(...[...new Set(homes)].map((h) => homes.filter((x) => x === h).length));
    assert.ok(top / homes.length >= 0.75, `${spec.id} split over ${new Set(homes).size} campaigns`);
  }

  // The harbour campaign: one campaign, working 09:00–18:00 at UTC+8, with the demo's verdict.
  const harbourSpec = DEMO_CAMPAIGNS.find((c) => c.id === 'harbour')!;
  const harbourIds = new Set(members.filter((m) => truth.get(String(m.ip)) === 'harbour').map((m) => String(m.campaign_id)));
  assert.equal(harbourIds.size, 1, 'harbour is one campaign');
  const harbour = campaigns.find((c) => harbourIds.has(c.id))!;
  assert.equal(harbour.utc_offset_hours, harbourSpec.hours.utcOffsetHours);
  assert.equal(harbour.verdict, harbourSpec.expectedVerdict);
  assert.ok(harbour.reasons.some((x) => /matching 09:00–18:00 at UTC\+8/.test(x)), harbour.reasons.join('\n'));
  // …and says so in French: 9 h à 18 h at UTC+8, percent and colon after a no-break space.
  assert.ok(harbour.reasons_fr.some((x) => /^activité de 1 h à 10 h UTC sur 5 jours \(\d+\u00a0% des \d+ requêtes\), soit une journée de 9 h à 18 h au fuseau UTC\+8$/.test(x)),
    harbour.reasons_fr.join('\n'));
  assert.ok(harbour.reasons_fr.some((x) => /^charges utiles\u00a0: /.test(x)), harbour.reasons_fr.join('\n'));
  // Round-the-clock Tor traffic gets no offset: the evidence does not support one.
  const onion = campaigns.find((c) => byCampaign.get(c.id)?.[0] === 'onion');
  assert.ok(onion, 'the Tor campaign is found');
  assert.equal(onion.verdict, 'obscured');
  assert.equal(onion.utc_offset_hours, null);
});

test('web analyze --no-geo still groups campaigns, without origins', async () => {
  const log = join(dir, 'small.log');
  writeTrafficFile(log, { lines: 8000, seed: 7 });
  const r = await runCli(['web', 'analyze', log, '--db', join(dir, 'nogeo.duckdb'), '--json', '-', '--quiet', '--no-geo']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(s.origins, null);
  assert.equal(s.geo_data, null);
  assert.ok(Array.isArray(s.campaigns) && s.campaigns.length > 0);
});

test('web analyze --home rejects what is not a country code', async () => {
  const r = await runCli(['web', 'analyze', join(dir, 'x.log'), '--home', 'Canada']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /web analyze: --home: takes a two-letter country code \(ISO 3166-1\) \(got 'Canada'\)/);
});
