import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { corpus } from '../../testing/corpora.js';
import { runCli } from '../../testing/run-cli.js';

// Issue 17: on small logs the "rare user agent" rule (at most 5% of the clients) could not fire,
// so the two addresses of the w3af scanner log became two campaigns; and campaigns of private
// addresses said "confidence 1.00" and "not attributed or have no data". The corpora's three
// scanner logs (Acunetix, Netsparker, w3af, recorded on a lab network) analysed together: one
// campaign per tool, the w3af pair in one, each said to be private addresses, with lowered
// confidence.
const dir = mkdtempSync(join(tmpdir(), 'vigie-small-log-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

interface JsonCampaign {
  id: string; clients: number; flagged_requests: number; verdict: string; confidence: number;
  reasons: string[]; reasons_fr: string[]; sample_ips: string[]; fingerprint: { user_agents: string[] };
}

test('scanner logs: one campaign per tool, the w3af addresses together, private addresses said as such', async () => {
  const logs = ['acunetix', 'netsparker', 'w3af'].map((s) => corpus(`http/scanner-access-logs/${s}.access.log`));
  const json = join(dir, 'summary.json');
  const r = await runCli(['web', 'analyze', ...logs, '--db', join(dir, 'v.duckdb'), '--json', json, '--workers', '1']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(readFileSync(json, 'utf8')) as {
    requests_flagged: number; campaigns: JsonCampaign[];
    by_country: Array<{ country: string | null; private: boolean; requests_flagged: number }>;
  };
  const campaigns = s.campaigns;

  // The w3af log's two scanning addresses send the same rare tool (`w3af.org`): one campaign.
  const w3af = campaigns.filter((c) => c.fingerprint.user_agents[0] === 'w3af.org');
  assert.equal(w3af.length, 1, JSON.stringify(campaigns.map((c) => [c.id, c.sample_ips])));
  assert.deepEqual([...w3af[0]!.sample_ips].sort(), ['192.168.1.20', '192.168.4.163']);
  assert.match(w3af[0]!.reasons[0]!, /^2 addresses linked: 1 pair share a rare user agent/);
  // ...and the three tools stay apart: each campaign has a main user agent of its own.
  assert.equal(campaigns.length, 3, JSON.stringify(campaigns.map((c) => c.fingerprint.user_agents[0])));
  assert.equal(new Set(campaigns.map((c) => c.fingerprint.user_agents[0])).size, 3);

  // A lab network: every address is private. Campaigns say so, in both languages, and an
  // unknown origin adds no confidence.
  for (const c of campaigns) {
    assert.equal(c.verdict, 'unknown');
    assert.ok(c.reasons.some((x) => /^origin unknown: (a private address|\d+ private addresses) \(local network, NAT or loopback\)/.test(x)), c.reasons.join(' | '));
    assert.ok(c.reasons_fr.some((x) => /adresses? privées?/.test(x)), c.reasons_fr.join(' | '));
    assert.ok(!c.reasons.some((x) => /not attributed or have no data/.test(x)));
    assert.ok(c.confidence <= 0.5, `${c.id} confidence ${c.confidence}`);
  }
  assert.doesNotMatch(r.stdout, /confidence 1\.00/);

  // The summary's countries: the private addresses, not `??`.
  assert.match(r.stdout, new RegExp(`^Attacks by address country: private addresses ${s.requests_flagged.toLocaleString('en-CA')}$`, 'm'));
  assert.doesNotMatch(r.stdout, /\?\?/);
  const priv = s.by_country.filter((c) => c.country === null && c.private);
  assert.equal(priv.length, 1);
  assert.equal(priv[0]!.requests_flagged, s.requests_flagged);

  // The committee report says so too, in both languages, in its country table.
  const report = await runCli(['report', '--format', 'json', '--db', join(dir, 'v.duckdb')]);
  assert.equal(report.code, 0, report.stderr);
  const byCountry = (JSON.parse(report.stdout) as { by_country: Array<{ country: string; verdict: string; private: boolean; attacks: number }> }).by_country;
  assert.deepEqual(byCountry.map((c) => [c.country, c.verdict, c.private, c.attacks]), [['??', 'unknown', true, s.requests_flagged]]);
  const fr = await runCli(['report', '--format', 'md', '--lang', 'fr', '--db', join(dir, 'v.duckdb')]);
  assert.equal(fr.code, 0, fr.stderr);
  assert.match(fr.stdout, /\| Adresses privées \| Inconnue \|/);
});
