import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { cliUserToken, collectProblems, firstPage, launchDashboardBrowser, signIn as signInWithToken } from '../testing/browser.js';
import { writeTrafficFile } from '../cli/demo/write-traffic.js';
import { runCli } from '../testing/run-cli.js';
import { startServer } from './index.js';

// The dashboard in a real headless Chromium, against a real server on loopback and a real
// DuckDB file filled by `vigie web analyze` from the demo generator's traffic. Screenshots of
// the main pages go to test-output/screenshots/ to be looked at.
const SHOTS = resolve(process.cwd(), 'test-output/screenshots');

interface Summary { parsed: number; requests_flagged: number; clients_flagged: number; clients: number; findings_by_class: Record<string, number> }

const en = (n: number): string => new Intl.NumberFormat('en-CA').format(n);
const fr = (n: number): string => new Intl.NumberFormat('fr-CA').format(n);

describe('dashboard in a browser', { timeout: 180_000 }, () => {
  let dir: string;
  let summary: Summary;
  let analyst: string;
  let viewer: string;
  let server: { url: string; close: () => Promise<void> };
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-dashboard-'));
    mkdirSync(SHOTS, { recursive: true });
    const log = join(dir, 'access.log');
    const db = join(dir, 'vigie.duckdb');
    writeTrafficFile(log, { lines: 20_000 });
    const analysed = await runCli(['web', 'analyze', log, '--db', db, '--json', join(dir, 'summary.json'), '--quiet', '--workers', '1']);
    assert.equal(analysed.code, 0, analysed.stderr);
    summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
    analyst = await cliUserToken(db, 'ana', 'analyst');
    viewer = await cliUserToken(db, 'victor', 'viewer');
    server = await startServer({ db, port: 0, logger: false, spoolDir: join(dir, 'spool') });
    context = await launchDashboardBrowser(dir, { viewport: { width: 1360, height: 900 } });
    page = await firstPage(context);
    // A CSP violation or script error is a failure: the dashboard must run under the strict policy.
    collectProblems(page, problems);
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const signIn = (token: string) => signInWithToken(page, server.url, token, (p) => p.getByTestId('kpi-attacks'));

  async function nav(name: string): Promise<void> {
    await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  }

  it('rejects a wrong token, then signs in with a real one', async () => {
    await page.goto(server.url);
    await page.getByLabel('Access token').fill('vigie_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This token was not accepted').waitFor();
    await signIn(analyst);
    assert.match(await page.locator('.user').innerText(), /ana \(analyst\)/);
  });

  it('shows the same numbers as the CLI summary of the same data', async () => {
    assert.ok(summary.requests_flagged > 0 && summary.parsed > 10_000);
    assert.equal(await page.getByTestId('kpi-attacks').innerText(), en(summary.requests_flagged));
    assert.equal(await page.getByTestId('kpi-flagged-clients').innerText(), en(summary.clients_flagged));
    assert.match(await page.locator('.kpi-help').first().innerText(), new RegExp(`of ${en(summary.parsed)} requests`));
    const [topClass, topCount] = Object.entries(summary.findings_by_class).sort((a, b) => b[1] - a[1])[0]!;
    const row = page.locator('section[aria-labelledby=classes-title] tr', { has: page.locator(`a[href="#/findings?class=${topClass}"]`) });
    assert.equal(await row.locator('td.num').innerText(), en(topCount));
    // Origin split: the four verdicts add up to the flagged clients, whatever the attribution says.
    let sum = 0;
    for (const v of ['foreign', 'domestic', 'obscured', 'unknown']) sum += Number((await page.getByTestId(`origin-${v}-clients`).innerText()).replace(/\D/g, ''));
    assert.equal(sum, summary.clients_flagged);
    await page.locator('svg.chart rect').first().waitFor();
    assert.match(await page.getByTestId('geo-data').innerText(), /DB-IP/);
    assert.equal(await page.locator('a[href="https://db-ip.com"]').first().count(), 1);
    await page.screenshot({ path: join(SHOTS, 'overview-en.png'), fullPage: true });
  });

  it('switches to French: labels and number formats change, and the choice survives a reload', async () => {
    await page.getByTestId('lang-toggle').click();
    await page.getByRole('heading', { level: 1, name: 'En bref' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr-CA');
    assert.equal(await page.getByTestId('kpi-attacks').innerText(), fr(summary.requests_flagged));
    const help = await page.locator('.kpi-help').first().innerText();
    assert.ok(help.includes(`sur ${fr(summary.parsed)} requêtes`), help);
    assert.notEqual(fr(summary.parsed), en(summary.parsed), 'the two formats differ for this many requests');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'En bref' }).waitFor();
    await page.getByTestId('kpi-attacks').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr-CA');
    await page.locator('svg.chart rect').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'overview-fr.png'), fullPage: true });
  });

  it('opens a campaign with its hourly activity and addresses', async () => {
    await nav('Campagnes');
    const first = page.getByTestId('campaign-link').first();
    await first.waitFor({ timeout: 10_000 });
    const id = await first.innerText();
    await first.click();
    await page.getByRole('heading', { level: 1, name: `Campagne ${id}` }).waitFor();
    assert.equal(await page.locator('section[aria-labelledby=hours-title] svg.chart text.tick').filter({ hasText: /^\d\d\sh\s00$/ }).count(), 8, 'hours on the 24-hour clock, French style');
    assert.ok(await page.locator('section[aria-labelledby=addr-title] tbody tr').count() > 0);
    assert.match(await page.getByTestId('utc-offset').innerText(), /fuseau horaire/i);
    // The committee's question leads the page: where the operator likely is, and the evidence weighed.
    assert.match(await page.getByTestId('operator-estimate').innerText(), /^(Probablement à l’étranger|Probablement au pays|Indéterminé\u00a0: les éléments ne suffisent pas)$/);
    assert.match(await page.getByTestId('operator-evidence').innerText(), /poids|non pondéré|aucun élément/);
    const why = await page.locator('ul.reasons').innerText();
    assert.match(why, /charges utiles\s: /, 'the reasons are in French too');
    assert.doesNotMatch(why, /payloads: /);
    await page.screenshot({ path: join(SHOTS, 'campaign-fr.png'), fullPage: true });
  });

  it('lists findings and drills down to the raw log line and the rule', async () => {
    await page.getByTestId('lang-toggle').click();
    await nav('Findings');
    await page.getByTestId('finding-link').first().waitFor();
    assert.match(await page.getByTestId('findings-range').innerText(), /^1–50 of /);
    await page.screenshot({ path: join(SHOTS, 'findings-en.png'), fullPage: false });
    await page.getByTestId('finding-link').first().click();
    await page.getByTestId('raw-line').waitFor();
    assert.ok((await page.getByTestId('finding-rule').innerText()).length > 0);
    assert.ok((await page.getByTestId('raw-line').innerText()).length > 20, 'analysts see the raw log line');
    await page.screenshot({ path: join(SHOTS, 'finding-en.png'), fullPage: true });
    // A signature finding explains itself in French too: fragment, then where it was found.
    await page.goto(`${server.url}/#/findings?class=admin_probe`);
    await page.getByTestId('finding-link').first().click();
    await page.getByTestId('raw-line').waitFor();
    const english = await page.locator('dt:text-is("Reason") + dd').innerText();
    assert.match(english, /^`.+` in the path$/);
    await page.getByTestId('lang-toggle').click();
    await page.getByRole('heading', { level: 1, name: /^Détection/ }).waitFor();
    assert.match(await page.locator('dt:text-is("Motif") + dd').innerText(), /^«\s.+\s» dans le chemin$/);
    await page.getByTestId('lang-toggle').click();
    await page.locator('dt:text-is("Reason")').waitFor();
  });

  it('shows a new finding live, without reload, when a log line is pushed', async () => {
    await nav('Live');
    await page.getByText('Connected. Waiting for new findings.').waitFor({ timeout: 10_000 });
    const line = `203.0.113.9 - - [29/Apr/2025:10:00:00 +0000] "GET /search?q=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n`;
    const res = await fetch(`${server.url}/api/ingest?format=combined&source=live-test`, {
      method: 'POST', headers: { authorization: `Bearer ${analyst}`, 'content-type': 'text/plain' }, body: line,
    });
    assert.equal(res.status, 200, await res.text());
    const row = page.locator('tr.fresh', { hasText: '203.0.113.9' }).first();
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /SQL injection/);
    assert.match(await page.getByTestId('live-count').innerText(), /^[1-9]/);
  });

  it('shows bidirectional controls from logs escaped, and finds a client by any spelling of its address', async () => {
    // A right-to-left override makes `/files/<U+202E>gnp.exe` read as `/files/exe.png`: shown escaped, it cannot.
    const rlo = '\u202e';
    const lines = [0, 1, 2].map((i) => `2001:DB8:0:0:0:0:0:77 - - [29/Apr/2025:10:0${i}:00 +0000] "GET /files/${rlo}gnp.exe?id=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1" 200 512 "-" "Mozilla/5.0 ${rlo}exe.gnp"`);
    const res = await fetch(`${server.url}/api/ingest?format=combined&source=bidi-test`, {
      method: 'POST', headers: { authorization: `Bearer ${analyst}`, 'content-type': 'text/plain' }, body: lines.join('\n') + '\n',
    });
    assert.equal(res.status, 200, await res.text());
    await page.goto(`${server.url}/#/findings?ip=2001:0db8::0:77`);
    await page.getByTestId('finding-link').first().waitFor();
    assert.equal(await page.locator('td code').first().innerText(), '2001:db8::77');
    await page.getByTestId('finding-link').first().click();
    await page.getByTestId('raw-line').waitFor();
    const raw = await page.getByTestId('raw-line').innerText();
    assert.ok(raw.includes('/files/\\xe2\\x80\\xaegnp.exe') && raw.includes('Mozilla/5.0 \\xe2\\x80\\xaeexe.gnp'), raw);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(await page.locator('main').innerText(), /[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u);
  });

  it('draws the world map and the Canada tile map from the bundled data', async () => {
    await nav('Map');
    await page.locator('svg.world path.country').first().waitFor();
    assert.ok(await page.locator('svg.world path.country').count() > 150);
    assert.ok(await page.locator('svg.world path.country:not(.scale-0)').count() > 0, 'some country is coloured');
    assert.equal(await page.locator('svg.canada rect.tile').count(), 13);
    await page.screenshot({ path: join(SHOTS, 'map-en.png'), fullPage: true });
  });

  it('exports a STIX 2.1 bundle as a download', async () => {
    await nav('Exports');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-stix').click()]);
    const bundle = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { type: string; objects: Array<{ type: string; spec_version?: string }> };
    assert.equal(bundle.type, 'bundle');
    assert.ok(bundle.objects.some((o) => o.type === 'indicator' && o.spec_version === '2.1'));
    assert.ok(bundle.objects.some((o) => o.type === 'sighting'));
    // One expiry default everywhere (issue 17: 30 days here, 7 in the CLI), and the CSV said what it holds.
    assert.equal(await page.locator('#bl-days').inputValue(), '7');
    assert.match((await page.getByTestId('export-blocklist').getAttribute('href'))!, /expires_days=7$/);
    assert.match(await page.locator('.card.export').nth(1).innerText(), /One row per attacking address/);
  });

  it('tells a viewer why exports are not available', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Access token').waitFor();
    await signIn(viewer);
    await nav('Exports');
    await page.getByTestId('export-reason').waitFor();
    assert.equal(await page.getByTestId('export-stix').isDisabled(), true);
    assert.deepEqual(problems, [], 'no script error or CSP violation in the console');
  });
});
