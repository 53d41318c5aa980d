import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { cliUserToken, collectProblems, firstPage, launchDashboardBrowser, signIn } from '../testing/browser.js';
import { writeTrafficFile } from '../cli/demo/write-traffic.js';
import { ORIGIN_VERDICTS, sharePercent, type OriginShares } from '../core/index.js';
import { runCli } from '../testing/run-cli.js';
import { startServer } from './index.js';

// Issue 17, "One answer everywhere": the terminal summary, `web analyze --json`, the API, the
// report's JSON and the dashboard give the same origin shares for the same database, attacks
// as the headline and flagged clients as the labelled second basis; and the overview has the
// reports' periods (today, 7 days, 30 days, a range of days). Real CLI, real DuckDB file, real
// server on loopback, real headless Chromium.
const DAY_MS = 86_400_000;
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

describe('one answer everywhere: origin shares and the overview period', { timeout: 240_000 }, () => {
  let dir: string;
  let db: string;
  let terminal: string;
  let summary: { requests_flagged: number; origin_shares: OriginShares };
  let token: string;
  let server: { url: string; close: () => Promise<void> };
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const apiGet = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, path);
    return (await res.json()) as T;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-one-answer-'));
    db = join(dir, 'vigie.duckdb');
    const log = join(dir, 'access.log');
    // Forty days of demo traffic ending now, so today, 7 and 30 days each hold part of it.
    writeTrafficFile(log, { lines: 12_000, days: 40, start: new Date(Date.now() - 40 * DAY_MS), attackShare: 0.08 });
    const analysed = await runCli(['web', 'analyze', log, '--db', db, '--json', join(dir, 'summary.json'), '--workers', '1']);
    assert.equal(analysed.code, 0, analysed.stderr);
    terminal = analysed.stdout;
    summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as typeof summary;
    token = await cliUserToken(db, 'ana', 'analyst');
    server = await startServer({ db, port: 0, logger: false, spoolDir: join(dir, 'spool') });
    context = await launchDashboardBrowser(dir);
    page = await firstPage(context);
    collectProblems(page, problems);
    await signIn(page, server.url, token, (p) => p.getByTestId('kpi-attacks'));
  });

  let closed = false;
  const closeAll = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await context?.close();
    await server?.close();
  };

  after(async () => {
    await closeAll();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same shares in the terminal, web analyze --json, the API, the report JSON and the dashboard', async () => {
    const shares = summary.origin_shares;
    assert.equal(shares.headline, 'attacks');
    assert.ok(ORIGIN_VERDICTS.filter((v) => shares.attacks[v] > 0).length >= 2, 'the demo attacks come from more than one origin');
    // The two bases really differ on this data, so a surface using the wrong one is caught.
    assert.ok(ORIGIN_VERDICTS.some((v) => shares.attacks[v] !== shares.flagged_clients[v]));

    // Terminal: the headline line is the share of attacks, the next line the share of addresses.
    const headline = terminal.split('\n').find((l) => l.startsWith('Origin of the attacks:'));
    assert.equal(headline, `Origin of the attacks: ${ORIGIN_VERDICTS.map((v) => `${v} ${sharePercent(shares.attacks[v])}`).join(' · ')} (share of attacks; home CA).`);
    const second = terminal.split('\n').find((l) => l.trim().startsWith('Share of attacking addresses:'));
    for (const v of ORIGIN_VERDICTS) assert.ok(second?.includes(`${v} ${sharePercent(shares.flagged_clients[v])}`), second);

    // API: the overview over everything stored.
    const ov = await apiGet<{ attacks: number; origin_shares: OriginShares }>('/api/overview');
    assert.equal(ov.attacks, summary.requests_flagged);
    assert.deepEqual(ov.origin_shares, shares);
    // The report's JSON and text are checked last, once the server has let go of the database.
  });

  it('shows the same shares on the dashboard, attacks first, addresses labelled', async () => {
    const shares = summary.origin_shares;
    const bar = page.locator('.split-bar');
    assert.equal(await bar.getAttribute('data-basis'), 'attacks');
    for (const v of ORIGIN_VERDICTS) {
      assert.equal(Number(await page.getByTestId(`origin-${v}-attack-share`).getAttribute('data-value')), shares.attacks[v], `${v} share of attacks`);
      assert.equal(Number(await page.getByTestId(`origin-${v}-client-share`).getAttribute('data-value')), shares.flagged_clients[v], `${v} share of addresses`);
      const shown = await page.getByTestId(`origin-${v}-attack-share`).innerText();
      assert.equal(Math.round(Number(shown.replace('%', '')) * 10), Math.round(shares.attacks[v] * 1000), `${v}: ${shown}`);
    }
    // The bar is drawn by attacks: each segment grows by its verdict's attacks.
    const ov = await apiGet<{ origins: Record<string, { flagged_requests: number }> }>('/api/overview');
    for (const v of ORIGIN_VERDICTS) {
      const seg = bar.locator(`[data-verdict=${v}]`);
      if (ov.origins[v]!.flagged_requests === 0) assert.equal(await seg.count(), 0);
      else assert.equal(Number(await seg.evaluate((el) => (el as unknown as { style: { flexGrow: string } }).style.flexGrow)), ov.origins[v]!.flagged_requests);
    }
    const head = await page.locator('section[aria-labelledby=origin-title] thead').textContent() ?? '';
    assert.match(head, /Share of attacks[\s\S]*Share of addresses/);
    assert.deepEqual(problems, []);
  });

  it('has the period picker of the reports: today, 7 days, 30 days and a range, each matching the API', async () => {
    const now = Date.now();
    const today = day(now);
    const tomorrow = day(now + DAY_MS);
    const attacksOf = async (from?: string, to?: string): Promise<number> =>
      (await apiGet<{ attacks: number }>(`/api/overview${from ? `?from=${from}&to=${to}` : ''}`)).attacks;
    const shown = async (): Promise<number> => Number((await page.getByTestId('kpi-attacks').getAttribute('data-value')) ?? NaN);
    const choose = async (name: string, period: string): Promise<void> => {
      await page.getByTestId('period-picker').getByRole('button', { name, exact: true }).click();
      await page.waitForURL((u) => u.hash.includes(`period=${period}`));
      await page.locator(`[data-testid=period-picker] button[data-period="${period}"][aria-pressed=true]`).waitFor();
      await page.getByTestId('kpi-attacks').waitFor();
    };
    const all = await shown();
    assert.equal(all, summary.requests_flagged);

    await choose('Today', 'today');
    assert.equal(await shown(), await attacksOf(today, tomorrow));
    assert.match(await page.getByTestId('period').innerText(), /to .* included/);

    await choose('7 days', '7d');
    const week = await attacksOf(day(now - 6 * DAY_MS), tomorrow);
    assert.equal(await shown(), week);

    await choose('30 days', '30d');
    const month = await attacksOf(day(now - 29 * DAY_MS), tomorrow);
    assert.equal(await shown(), month);
    assert.ok(month < all, `30 days (${month}) hold less than all forty (${all})`);
    assert.ok(week < month, `7 days (${week}) hold less than 30 (${month})`);
    // A period survives a reload: it is in the address.
    await page.reload();
    await page.locator('[data-testid=period-picker] button[data-period="30d"][aria-pressed=true]').waitFor();
    assert.equal(await shown(), month);

    // A range of days, both included, as `vigie report --from --to` takes them.
    const from = day(now - 20 * DAY_MS);
    const to = day(now - 10 * DAY_MS);
    await page.getByTestId('period-picker').getByRole('button', { name: 'Range', exact: true }).click();
    await page.getByLabel('From', { exact: true }).fill(from);
    await page.getByLabel('To (included)', { exact: true }).fill(to);
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL((u) => u.hash.includes(`from=${from}`) && u.hash.includes(`to=${to}`));
    await page.locator('[data-testid=period-picker] button[data-period="range"][aria-pressed=true]').waitFor();
    await page.getByTestId('kpi-attacks').waitFor();
    assert.equal(await shown(), await attacksOf(from, day(Date.parse(`${to}T00:00:00Z`) + DAY_MS)));

    // "All data" clears the period from the address instead of setting one.
    await page.getByTestId('period-picker').getByRole('button', { name: 'All data', exact: true }).click();
    await page.waitForURL((u) => !u.hash.includes('period='));
    await page.locator('[data-testid=period-picker] button[data-period="all"][aria-pressed=true]').waitFor();
    assert.equal(await shown(), all);
    assert.deepEqual(problems, []);
  });

  it('colours the map by foreign and domestic attacks, obscured ones apart', async () => {
    type Row = { country: string | null; attacks: number; verdicts: Record<string, number> };
    const { countries } = await apiGet<{ countries: Row[] }>('/api/countries');
    const located = (c: Row): number => (c.verdicts.foreign ?? 0) + (c.verdicts.domestic ?? 0);
    // A country whose attacks all came through hiding networks: dark on "All", blank by default.
    const hidden = countries.find((c) => c.country && c.verdicts.obscured! > 0 && located(c) === 0);
    const seen = countries.find((c) => c.country && located(c) > 0);
    assert.ok(hidden && seen, JSON.stringify(countries.slice(0, 10)));
    await page.goto(`${server.url}/#/map`);
    const title = async (cc: string): Promise<string> => (await page.locator(`path[data-country=${cc}] title`).first().textContent()) ?? '';
    const count = (text: string): number => Number(text.split(':').pop()!.replace(/\D/g, ''));
    await page.locator('[data-testid=world-map][data-view=located] svg').waitFor();
    assert.equal(count(await title(hidden.country!)), 0, `${hidden.country} has only obscured attacks`);
    assert.equal(count(await title(seen.country!)), located(seen));
    await page.getByTestId('map-view').getByRole('button', { name: 'Obscured', exact: true }).click();
    await page.locator('[data-testid=world-map][data-view=obscured] svg').waitFor();
    assert.equal(count(await title(hidden.country!)), hidden.verdicts.obscured);
    assert.match(await page.getByTestId('map-view-note').innerText(), /not where the person is/);
    await page.getByTestId('map-view').getByRole('button', { name: 'All attacks', exact: true }).click();
    await page.locator('[data-testid=world-map][data-view=all] svg').waitFor();
    assert.equal(count(await title(hidden.country!)), hidden.attacks);
    assert.deepEqual(problems, []);
  });

  it('writes the same shares in the report JSON and text, with countries split by verdict', async () => {
    await closeAll();
    const out = join(dir, 'report.json');
    const report = await runCli(['report', '--format', 'json', '--db', db, '--out', out]);
    assert.equal(report.code, 0, report.stderr);
    const data = JSON.parse(readFileSync(out, 'utf8')) as { origin_shares: OriginShares; by_country: Array<{ country: string; verdict: string; attacks: number }>; origins: Record<string, { attacks: number }> };
    assert.deepEqual(data.origin_shares, summary.origin_shares);
    // Countries are split by verdict: their rows add up to each verdict's attacks when none is cut off.
    const byVerdict: Record<string, number> = {};
    for (const r of data.by_country) byVerdict[r.verdict] = (byVerdict[r.verdict] ?? 0) + r.attacks;
    if (data.by_country.length < 15) for (const v of ORIGIN_VERDICTS) assert.equal(byVerdict[v] ?? 0, data.origins[v]!.attacks, v);
    const md = await runCli(['report', '--format', 'md', '--db', db]);
    assert.equal(md.code, 0, md.stderr);
    const pct = new Intl.NumberFormat('en-CA', { style: 'percent', maximumFractionDigits: 1 });
    for (const v of ORIGIN_VERDICTS) assert.ok(md.stdout.includes(pct.format(summary.origin_shares.attacks[v])), `${v} ${pct.format(summary.origin_shares.attacks[v])} in the report`);
    assert.match(md.stdout, /Share of attacks.*Share of addresses/);
  });
});
