import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { generateOperatorRecords, type OperatorActor } from '../../../cli/demo/operators.js';
import { DuckDbStore } from '../../../store/index.js';
import { runCli } from '../../../testing/run-cli.js';

// Five weekdays of a small site with the planted operators of known homes (cli/demo/operators.ts),
// through `vigie web analyze --json` as a script runs it: each campaign's `operator` contract.
const dir = mkdtempSync(join(tmpdir(), 'vigie-operator-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

interface Operator { estimate: string; countries: string[]; confidence: number; reasons: string[]; reasons_fr: string[] }
interface JsonCampaign { id: string; sample_ips: string[]; operator: Operator }

test('web analyze --json: every campaign says where its operator likely is, with EN and FR reasons', async () => {
  const log = join(dir, 'access.log');
  const truth = new Map<string, OperatorActor>();
  const lines: string[] = [];
  for (const r of generateOperatorRecords({ seed: 11, days: 5, backgroundLines: 4000 })) {
    lines.push(r.line);
    if (r.actor) truth.set(r.line.slice(0, r.line.indexOf(' ')), r.actor);
  }
  writeFileSync(log, lines.join('\n') + '\n');
  const db = join(dir, 'v.duckdb');
  const json = join(dir, 'summary.json');
  const r = await runCli(['web', 'analyze', log, '--db', db, '--json', json, '--workers', '1']);
  assert.equal(r.code, 0, r.stderr);
  const campaigns = (JSON.parse(readFileSync(json, 'utf8')) as { campaigns: JsonCampaign[] }).campaigns;
  assert.ok(campaigns.length >= 4, String(campaigns.length));
  for (const c of campaigns) {
    assert.deepEqual(Object.keys(c.operator).slice(0, 5), ['estimate', 'countries', 'confidence', 'reasons', 'reasons_fr']);
    assert.ok(['likely_foreign', 'likely_domestic', 'undetermined'].includes(c.operator.estimate));
    assert.ok(c.operator.confidence >= 0 && c.operator.confidence <= 1);
    assert.equal(c.operator.reasons_fr.length, c.operator.reasons.length);
    assert.ok(c.operator.reasons_fr.every((fr, i) => fr !== c.operator.reasons[i]), c.operator.reasons_fr.join('\n'));
  }
  const of = (actor: OperatorActor): JsonCampaign => {
    const c = campaigns.find((x) => x.sample_ips.filter((ip) => truth.get(ip) === actor).length > x.sample_ips.length / 2);
    assert.ok(c, `a campaign for ${actor}`);
    return c;
  };
  // The Chinese operator behind Canadian cloud servers: abroad, CN, the relays named as such.
  const harbour = of('harbour').operator;
  assert.equal(harbour.estimate, 'likely_foreign');
  assert.deepEqual(harbour.countries, ['CN']);
  assert.match(harbour.reasons.join('\n'), /are relays \(hosting \d+; \d+%\), in CA \d+: a relay's country is not the operator's/);
  assert.match(harbour.reasons.join('\n'), /relays at home used by an operator the other evidence places abroad/);
  assert.match(harbour.reasons.join('\n'), /working day at UTC\+8 .*no time zone of CA keeps that offset then/);
  assert.match(harbour.reasons_fr[0]!, /^opérateur probablement à l’étranger \(CN\), confiance 0,\d+$/);
  // The Quebec operator: home.
  const maple = of('maple').operator;
  assert.equal(maple.estimate, 'likely_domestic');
  assert.deepEqual(maple.countries, ['CA']);
  // Tor with a handful of requests: the evidence is not enough, and it says so.
  const onion = of('onion').operator;
  assert.equal(onion.estimate, 'undetermined');
  assert.match(onion.reasons[0]!, /^operator undetermined: .*not enough/);

  // The terminal summary leads each campaign line with the operator.
  assert.match(r.stdout, /^ {2}C-[0-9a-f]{8} {2}operator likely abroad \(CN\) 0\.\d\d: /m);
  // Stored as analysed (web migration 3): the report and the dashboard read it back.
  const store = await DuckDbStore.open(db);
  try {
    const rows = await store.query(`SELECT operator FROM campaigns WHERE operator IS NOT NULL`);
    assert.equal(rows.length, campaigns.length);
  } finally {
    await store.close();
  }
});
