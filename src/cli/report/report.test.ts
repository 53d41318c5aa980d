import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { corpus } from '../../testing/corpora.js';
import { runCli } from '../../testing/run-cli.js';
import { writeTrafficFile } from '../demo/write-traffic.js';

describe('vigie report and vigie export, on analysed logs', () => {
  let dir = '';
  let db = '';
  let summary: { parsed: number; requests_flagged: number; clients: number; clients_flagged: number; campaigns: unknown[] };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-report-'));
    db = join(dir, 'vigie.duckdb');
    // Real scanner traffic (private lab addresses) and demo traffic from public addresses.
    const demo = join(dir, 'demo.log');
    writeTrafficFile(demo, { lines: 20_000, seed: 7 });
    const analysed = await runCli(['web', 'analyze', corpus('http/scanner-access-logs/w3af.access.log'), demo, '--db', db, '--json', '-', '--quiet']);
    assert.equal(analysed.code, 0, analysed.stderr);
    summary = JSON.parse(analysed.stdout);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the same totals as the analysis, and its origin split adds up', async () => {
    const r = await runCli(['report', '--db', db, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.totals.requests, summary.parsed);
    assert.equal(report.totals.attacks, summary.requests_flagged);
    assert.equal(report.totals.clients, summary.clients);
    assert.equal(report.totals.flagged_clients, summary.clients_flagged);
    const origins = Object.values(report.origins) as Array<{ attacks: number; flagged_clients: number }>;
    assert.equal(origins.reduce((s, o) => s + o.flagged_clients, 0), summary.clients_flagged);
    assert.ok(report.by_class.length > 0 && report.top_targets.length > 0);
  });

  it('writes French Markdown and escaped HTML', async () => {
    const md = await runCli(['report', '--db', db, '--format', 'md', '--lang', 'fr']);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Attaques Web et leur provenance/);
    assert.match(md.stdout, /D’où venaient les attaques/);
    assert.match(md.stdout, /Géolocalisation IP par DB-IP/);
    // Campaign reasons in French too, not the English sentences of the analysis.
    assert.ok(summary.campaigns.length > 0, 'the demo traffic has campaigns');
    assert.match(md.stdout, /charges utiles\u00a0: /);
    assert.match(md.stdout, /pays des adresses\u00a0: /);
    assert.doesNotMatch(md.stdout, /payloads: |address countries: /);
    // Network types, unknown operators and data sets named in French as well.
    assert.match(md.stdout, /\*\*Réseaux\*\*: (résidentiel|hébergement|Tor|RPV|inconnu) \(/);
    assert.doesNotMatch(md.stdout, /\b(residential|hosting|unknown) \(\d/);
    assert.match(md.stdout, /listes de réseaux \d{4}-\d\d-\d\d/);
    assert.doesNotMatch(md.stdout, /network lists|registry delegations/);
    const out = join(dir, 'r.html');
    const html = await runCli(['report', '--db', db, '--format', 'html', '--out', out]);
    assert.equal(html.code, 0, html.stderr);
    const page = readFileSync(out, 'utf8');
    assert.match(page, /<html lang="en-CA">/);
    assert.match(page, /href="https:\/\/db-ip\.com"/);
    assert.doesNotMatch(page, /<script/i, 'no script: a target path like <script> stays text');
  });

  it('prints a PDF with headless Chromium', async () => {
    const out = join(dir, 'r.pdf');
    const r = await runCli(['report', '--db', db, '--format', 'pdf', '--lang', 'fr', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const pdf = readFileSync(out);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.length > 10_000);
  });

  it('exports a blocklist of public attackers only, and a STIX bundle and CSV of all', async () => {
    const block = await runCli(['export', 'blocklist', '--db', db, '--format', 'nginx', '--expires-days', '3']);
    assert.equal(block.code, 0, block.stderr);
    const denies = block.stdout.split('\n').filter((l) => l.startsWith('deny '));
    assert.ok(denies.length > 0);
    assert.ok(!denies.some((l) => l.startsWith('deny 192.168.')), 'the scanner lab (192.168/16) is never blocked');
    const stix = await runCli(['export', 'stix', '--db', db]);
    assert.equal(stix.code, 0, stix.stderr);
    const bundle = JSON.parse(stix.stdout) as { objects: Array<{ type: string }> };
    const csv = await runCli(['export', 'csv', '--db', db]);
    const rows = csv.stdout.trim().split('\r\n').length - 1;
    assert.equal(bundle.objects.filter((o) => o.type === 'indicator').length, rows);
    assert.equal(rows, summary.clients_flagged);
    assert.ok(csv.stdout.includes('192.168.4.163'));
  });

  it('fails in one line for a missing database or a bad date', async () => {
    const missing = await runCli(['report', '--db', join(dir, 'nope.duckdb')]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /^vigie: .*nope\.duckdb: no such database/);
    const bad = await runCli(['export', 'csv', '--db', db, '--from', '2026-13-01']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
  });

  it('refuses a period out of range (--to 9999-12-31, --from 0001-01-01) in one line with exit code 2, for report and every export', async () => {
    for (const command of [['report', '--format', 'json'], ['export', 'csv'], ['export', 'stix'], ['export', 'blocklist']]) {
      for (const [flag, value, message] of [['--to', '9999-12-31', /^vigie: --to 9999-12-31 is more than a year ahead; leave --to out/], ['--from', '0001-01-01', /^vigie: --from 0001-01-01 is before 1970-01-01/]] as const) {
        const res = await runCli([...command, '--db', db, flag, value]);
        assert.equal(res.code, 2, `${command.join(' ')} ${flag} ${value}: ${res.stderr}`);
        assert.match(res.stderr, message);
        assert.equal(res.stderr.trim().split('\n').length, 1);
      }
    }
  });
});
