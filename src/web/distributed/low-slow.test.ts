import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { generateLowSlowRecords, LOOKALIKE_ACTORS, type LowSlowOptions } from '../../cli/demo/low-slow.js';
import { runCli } from '../../testing/run-cli.js';
import type { SiteFindingClass } from './site-finding.js';
import type { AnalyzeSummary } from '../pipeline/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-lowslow-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Three weeks of generated traffic (a smaller site than the eval's), analysed by `vigie web analyze`. */
async function analyse(name: string, options: LowSlowOptions): Promise<{ summary: AnalyzeSummary; actors: Map<string, Set<string>> }> {
  const lines: string[] = [];
  const actors = new Map<string, Set<string>>();
  for (const r of generateLowSlowRecords({ visitsPerDay: 450, crowdScale: 0.6, ...options })) {
    lines.push(r.line);
    const key = r.actor ?? 'site';
    if (!actors.has(key)) actors.set(key, new Set());
    actors.get(key)!.add(r.line.slice(0, r.line.indexOf(' ')));
  }
  const log = join(dir, `${name}.log`);
  writeFileSync(log, lines.join('\n') + '\n');
  const out = join(dir, `${name}.json`);
  const r = await runCli(['web', 'analyze', log, '--db', join(dir, `${name}.duckdb`), '--json', out, '--no-geo', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  return { summary: JSON.parse(readFileSync(out, 'utf8')) as AnalyzeSummary, actors };
}

test('a botnet, a slow scan and a flood that no address shows alone are site findings, each with its campaign; the look-alikes stay quiet', { timeout: 300_000 }, async () => {
  const { summary, actors } = await analyse('all', { seed: 2025 });
  const byClass = new Map(summary.site_findings.map((f) => [f.class, f]));
  assert.deepEqual([...byClass.keys()].sort(), ['credential_stuffing', 'distributed_flood', 'distributed_scan']);

  const stuffing = byClass.get('credential_stuffing')!;
  assert.equal(stuffing.endpoint, '/en/account/sign-in');
  assert.equal(stuffing.window_start, '2025-04-14T00:00:00.000Z'); // the botnet's first evening
  assert.ok(stuffing.figures.failures_per_day! > 3 * Number(stuffing.baseline.failures_per_day), JSON.stringify(stuffing));
  assert.match(stuffing.reason, /failed sign-ins over \d+ days/);
  assert.match(stuffing.reason_fr, /connexions échouées en \d+ jours/);

  // The campaigns are the attackers: what an analyst would check, address by address.
  const expect: Array<[SiteFindingClass, string]> = [['credential_stuffing', 'stuffing'], ['distributed_scan', 'dscan'], ['distributed_flood', 'flood']];
  for (const [cls, actor] of expect) {
    const finding = byClass.get(cls)!;
    const campaign = summary.campaigns.find((c) => c.site_finding === finding.id);
    assert.ok(campaign, `${cls}: no campaign`);
    const truth = actors.get(actor)!;
    const members = new Set(campaign.sample_ips);
    assert.equal(campaign.clients, finding.clients);
    // Recall over the whole group (clients count) and precision on the sampled addresses.
    assert.ok(finding.clients >= 0.9 * truth.size, `${cls}: ${finding.clients} of ${truth.size}`);
    // The internet's daily probers of the same paths do what the scan's addresses do: not a mistake.
    const wrong = [...members].filter((ip) => !truth.has(ip) && !actors.get('background')?.has(ip));
    assert.ok(wrong.length <= 2, `${cls}: not the actor's: ${wrong.join(' ')}`);
    assert.match(campaign.reasons[0]!, /none needing a finding of its own/);
    assert.ok(campaign.reasons_fr[0]!.includes("sans qu'aucune ait besoin d'un constat propre"));
  }
  // No look-alike's address is in a site campaign.
  const lookalike = new Set(LOOKALIKE_ACTORS.flatMap((a) => [...(actors.get(a) ?? [])]));
  for (const c of summary.campaigns.filter((c) => c.site_finding)) {
    assert.deepEqual(c.sample_ips.filter((ip) => lookalike.has(ip)), [], c.id);
  }
  assert.equal(summary.stages.distributed?.emitted, 3);
});

test('a newsletter, election night, a password-reset wave and a monitoring service alone raise no site finding', { timeout: 300_000 }, async () => {
  const { summary } = await analyse('lookalikes', { seed: 2025, actors: LOOKALIKE_ACTORS });
  assert.deepEqual(summary.site_findings, []);
  assert.equal(summary.campaigns.filter((c) => c.site_finding).length, 0);
});
