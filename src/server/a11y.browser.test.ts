import { strict as assert } from 'node:assert';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { cliUserToken, collectProblems, firstPage, launchDashboardBrowser } from '../testing/browser.js';
import { writeTrafficFile } from '../cli/demo/write-traffic.js';
import { runCli } from '../testing/run-cli.js';
import { startServer } from './index.js';

// Issue 17, "Accessibility", "French throughout" and the layout items: every dashboard page, in
// English and French, at 1366 px and 390 px, in a real headless Chromium against a real server
// on a real DuckDB file. axe-core's WCAG 2.1 A/AA rules, horizontal overflow, the French text a
// user reads, and keyboard-only use of the main flows. One server and one browser for it all.
const SHOTS = resolve(process.cwd(), 'test-output/screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// The functions given to page.evaluate run in the page; the project compiles without the DOM's types.
declare const document: any, window: any, location: any, getComputedStyle: any, HashChangeEvent: any; // eslint-disable-line @typescript-eslint/no-explicit-any
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** A dashboard page: its hash and what shows that it has finished drawing. */
interface Stop { name: string; hash: string; ready: string }

/**
 * Words that must not appear on a French page. Proper names and shared words (Tor, ASN, CSV,
 * STIX, Format, Source, Province...) are not in the list; whole words only, case-sensitive
 * where a French word shares the spelling.
 */
const ENGLISH_WORDS = [
  'the', 'and', 'of', 'with', 'from', 'for', 'by', 'Findings', 'Finding', 'Campaigns', 'Campaign', 'Overview', 'Exports', 'Live',
  'Map', 'Attacks', 'attacks', 'requests', 'req', 'paths', 'Domestic', 'domestic', 'Foreign', 'foreign', 'Obscured', 'obscured',
  'Unknown', 'unknown', 'network', 'lists', 'registry', 'delegations', 'city', 'Country', 'Origin', 'Time', 'Rule', 'Severity',
  'Location', 'Reason', 'Download', 'Sign', 'out', 'Loading', 'hosting', 'residential', 'payloads', 'encodings', 'tools', 'hours',
  'confidence', 'private', 'addresses', 'Reports', 'Next', 'Previous', 'path', 'query', 'body', 'header', 'cookie',
];
/** Raw identifiers that must never reach a French reader as text (class ids, field names, encodings). */
// Case-sensitive: the ids are lower case; an acronym in a plain name ("script intersite (XSS)") is French usage.
const RAW_IDENTIFIERS = /\b(user_agent|path_traversal|sensitive_file|admin_probe|brute_force|sqli|xss|lfi|rfi|cmdi|ssti|nosqli|ldapi|double-percent|overlong-utf8|utf-?16|base64|unicode-escape|html-entities|hex-escape|percent-encoding|db-ip-city|geo-whois|dbip_city|in_case)\b/;

describe('dashboard accessibility, layout and French', { timeout: 110_000 }, () => {
  let dir: string;
  let analyst: string;
  let server: { url: string; close: () => Promise<void> };
  let context: BrowserContext;
  let page: Page;
  let stops: Stop[];
  const problems: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-a11y-'));
    mkdirSync(SHOTS, { recursive: true });
    const log = join(dir, 'access.log');
    const db = join(dir, 'vigie.duckdb');
    writeTrafficFile(log, { lines: 2_500, attackShare: 0.12 });
    // A few attacks in two earlier years: the overview's hour chart then spans three years.
    appendFileSync(log, ['23/Mar/2023:14:05:00', '02/Jun/2024:08:30:00', '02/Jun/2024:09:10:00'].map((ts) =>
      `198.51.100.23 - - [${ts} +0000] "GET /search?q=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n`).join(''));
    // The browser starts while the CLI analyses the log: the machine is shared, waits add up.
    const launching = launchDashboardBrowser(dir);
    const analysed = await runCli(['web', 'analyze', log, '--db', db, '--quiet', '--workers', '1']);
    assert.equal(analysed.code, 0, analysed.stderr);
    analyst = await cliUserToken(db, 'ana', 'analyst');
    server = await startServer({ db, port: 0, logger: false, spoolDir: join(dir, 'spool') });
    context = await launching;
    page = await firstPage(context);
    collectProblems(page, problems);
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${analyst}` } });
      assert.equal(res.status, 200, path);
      return (await res.json()) as T;
    };
    const { campaigns } = await get<{ campaigns: Array<{ id: string }> }>('/api/campaigns');
    const { rows } = await get<{ rows: Array<{ id: string }> }>('/api/findings?limit=1');
    assert.ok(campaigns.length > 0 && rows.length > 0, 'the demo traffic has campaigns and findings');
    stops = [
      { name: 'login', hash: '#/login', ready: '#token' },
      { name: 'overview', hash: '#/overview', ready: 'svg.chart rect' },
      { name: 'map', hash: '#/map', ready: 'svg.world path.country' },
      { name: 'findings', hash: '#/findings', ready: '[data-testid=finding-link]' },
      { name: 'finding', hash: `#/findings/${encodeURIComponent(rows[0]!.id)}`, ready: '[data-testid=raw-line]' },
      { name: 'campaigns', hash: '#/campaigns', ready: '[data-testid=campaign-link]' },
      { name: 'campaign', hash: `#/campaigns/${encodeURIComponent(campaigns[0]!.id)}`, ready: 'section[aria-labelledby=addr-title] tbody tr' },
      { name: 'live', hash: '#/live', ready: '[data-testid=live-attacks]' },
      { name: 'exports', hash: '#/exports', ready: '[data-testid=export-stix]' },
      { name: 'tips', hash: '#/tips', ready: 'h1' },
    ];
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Shows a page by its hash and waits until the new page (not the old one) has drawn. */
  async function visit(stop: Stop): Promise<void> {
    await page.evaluate(() => { document.querySelector('#main > .page')?.setAttribute('data-old', ''); });
    await page.evaluate((hash) => { if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange')); else location.hash = hash; }, stop.hash);
    await page.locator('#main > .page:not([data-old]) h1').waitFor({ timeout: 20_000 });
    await page.locator(`#main > .page:not([data-old]) ${stop.ready}`).first().waitFor({ timeout: 20_000 });
  }

  async function setLanguage(lang: 'en-CA' | 'fr-CA'): Promise<void> {
    if (await page.locator('html').getAttribute('lang') === lang) return;
    await page.getByTestId('lang-toggle').click();
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }

  /** axe-core's WCAG 2.1 A/AA violations on the page as shown, one line each. */
  async function axeViolations(where: string): Promise<string[]> {
    // Evaluated through the DevTools protocol, so the strict CSP of the page stays on.
    if (!await page.evaluate(() => 'axe' in window)) await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate(async (tags) => {
      const axe = window.axe as { run: (ctx: unknown, o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> };
      const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length, first: v.nodes[0]?.target.join(' ') ?? '' }));
    }, WCAG_TAGS);
    return result.map((v) => `${where}: ${v.id} (${v.impact}) on ${v.count} element(s), first ${v.first}`);
  }

  /**
   * Horizontal overflow as a user meets it: the document wider than the window, an element
   * sticking out of its card or the page, or a table hidden behind a horizontal scrollbar
   * (allowed at 390 px only for the wide tables, which then scroll inside their own box).
   */
  async function overflow(where: string, allowTableScroll: boolean): Promise<string[]> {
    return page.evaluate(({ where, allowTableScroll }) => {
      const out: string[] = [];
      const doc = document.documentElement;
      if (doc.scrollWidth > window.innerWidth) out.push(`${where}: the page is ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
      const describe = (el: any): string => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
      for (const wrap of [...document.querySelectorAll('.table-wrap')] as any[]) {
        if (wrap.scrollWidth > wrap.clientWidth + 1 && !allowTableScroll) out.push(`${where}: ${describe(wrap.querySelector('caption') ?? wrap)} scrolls sideways (${wrap.scrollWidth} px in ${wrap.clientWidth} px)`);
      }
      for (const el of [...document.querySelectorAll('#header *, #main *, #footer *')] as any[]) {
        if (el.closest('.table-wrap, .visually-hidden, svg, details:not([open]) > :not(summary)')) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const container = el.parentElement?.closest('.card, .page, .bar, .site-footer p') ?? document.body;
        const limit = container.getBoundingClientRect();
        if (box.right > limit.right + 1 || box.left < limit.left - 1) out.push(`${where}: ${describe(el)} overflows ${describe(container).slice(0, 30)} (${Math.round(box.left)}–${Math.round(box.right)} px, box ${Math.round(limit.left)}–${Math.round(limit.right)} px)`);
      }
      return out.slice(0, 5);
    }, { where, allowTableScroll });
  }

  /** English words and raw identifiers in what a French reader sees (text, labels, titles). */
  async function englishIn(where: string, skip = ''): Promise<string[]> {
    const text = await page.evaluate((skip) => {
      const parts: string[] = [document.title];
      // Every visible text node, but what is quoted from the data or deliberately in English:
      // code, log lines, the switch to English, the DB-IP credit (its required wording).
      const walker = document.createTreeWalker(document.body, 4);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest(`code, pre, script, style, [lang^=en], a[href^="https://db-ip.com"]${skip}`)) continue;
        if (el.closest('details:not([open])') && !el.closest('summary')) continue;
        parts.push(n.textContent);
      }
      for (const el of [...document.querySelectorAll('[aria-label], [title], svg title')] as any[]) {
        if (el.closest('code, pre, [lang^=en]')) continue;
        parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '', el.tagName === 'title' ? el.textContent ?? '' : '');
      }
      return parts.join('\n');
    }, skip ? `, ${skip}` : '');
    const out: string[] = [];
    for (const word of ENGLISH_WORDS) {
      const m = new RegExp(`(^|[^\\p{L}\\d_-])${word}(?=$|[^\\p{L}\\d_-])`, 'u').exec(text);
      if (m) out.push(`${where}: English word "${word}" in "${text.slice(Math.max(0, m.index - 30), m.index + word.length + 30).replace(/\s+/g, ' ')}"`);
    }
    const raw = RAW_IDENTIFIERS.exec(text);
    if (raw) out.push(`${where}: raw identifier "${raw[0]}" in "${text.slice(Math.max(0, raw.index - 30), raw.index + 40).replace(/\s+/g, ' ')}"`);
    if (/\bCanadienne?\b/.test(text)) out.push(`${where}: "Canadienne" where the dashboard says "Nationale"`);
    return out;
  }

  async function walk(lang: 'en-CA' | 'fr-CA', width: number, checks: { axe?: boolean; french?: boolean }): Promise<{ axe: string[]; layout: string[]; french: string[] }> {
    await page.setViewportSize({ width, height: 900 });
    await setLanguage(lang);
    const found = { axe: [] as string[], layout: [] as string[], french: [] as string[] };
    for (const stop of stops) {
      await visit(stop);
      const where = `${stop.name} (${lang}, ${width} px)`;
      if (checks.axe) found.axe.push(...await axeViolations(where));
      const layout = await overflow(where, width < 800);
      // A page that overflows leaves its picture to be looked at.
      if (layout.length > 0) await page.screenshot({ path: join(SHOTS, `overflow-${stop.name}-${lang}-${width}.png`), fullPage: true });
      found.layout.push(...layout);
      // A campaign's reasons are written by src/web/campaigns: checked apart, below.
      if (checks.french) found.french.push(...await englishIn(where, 'ul.reasons'));
    }
    return found;
  }

  it('signs in with the keyboard alone, opens a campaign and a finding, and exports, with focus always visible', async () => {
    await page.goto(`${server.url}/#/login`);
    await page.locator('#token').waitFor();
    // The token field has focus on arrival; typing is keyboard use.
    await page.keyboard.type(analyst);
    await page.keyboard.press('Enter');
    await page.getByTestId('kpi-attacks').waitFor();
    const tabTo = async (selector: string, why: string): Promise<void> => {
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press('Tab');
        const state = await page.evaluate((sel) => {
          const el = document.activeElement;
          if (!el || el === document.body) return { match: false, visible: true, what: 'body' };
          // Known limit: the calendar button inside Chromium's native date field takes a Tab stop
          // that no page style can reach (the field itself then loses :focus). Noted in README.
          if (el.tagName === 'INPUT' && /date/.test(el.type) && !el.matches(':focus')) return { match: false, visible: true, what: 'date picker button' };
          const st = getComputedStyle(el);
          const visible = (st.outlineStyle !== 'none' && Number.parseFloat(st.outlineWidth) >= 2) || /\d+px/.test(st.boxShadow);
          return { match: el.matches(sel), visible, what: `${el.tagName}#${el.id} ${el.getAttribute('type') ?? ''} ${(el.textContent ?? '').trim().slice(0, 30)} outline ${st.outlineStyle} ${st.outlineWidth} shadow ${st.boxShadow}` };
        }, selector);
        assert.ok(state.visible, `keyboard focus is visible on ${state.what}`);
        if (state.match) return;
      }
      assert.fail(`Tab never reached ${why}`);
    };
    // Enter on a link opens its page, which moves focus to its heading: Tab goes on from there.
    const open = async (title: RegExp): Promise<void> => {
      await page.keyboard.press('Enter');
      await page.waitForFunction((src) => document.activeElement?.tagName === 'H1' && new RegExp(src).test(document.activeElement.textContent), title.source);
    };
    await tabTo('nav a[href="#/campaigns"]', 'the Campaigns link');
    await open(/^Campaigns$/);
    await tabTo('[data-testid=campaign-link]', 'the first campaign');
    const id = await page.evaluate(() => document.activeElement.textContent as string);
    await open(new RegExp(`^Campaign ${id}$`));
    await tabTo('section[aria-labelledby=addr-title] a', 'an address of the campaign');
    await open(/^Findings$/);
    await tabTo('[data-testid=finding-link]', 'the first finding');
    await open(/^Finding/);
    await page.getByTestId('raw-line').waitFor();
    await tabTo('nav a[href="#/exports"]', 'the Exports link');
    await open(/^Exports$/);
    await tabTo('#bl-days', 'the expiry field');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('30');
    await tabTo('[data-testid=export-blocklist]', 'the blocklist download');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), /^vigie-blocklist.*\.txt$/);
    assert.match(readFileSync((await download.path())!, 'utf8'), /\d+\.\d+\.\d+\.\d+|:/);
    // The language switch works with Space too, and focus stays on it.
    await tabTo('[data-testid=lang-toggle]', 'the language switch');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.documentElement.lang === 'fr-CA');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'lang-toggle');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.documentElement.lang === 'en-CA');
  });

  it('every page in English at 1366 px: no axe-core WCAG 2.1 A/AA violation, nothing hidden sideways', async () => {
    const found = await walk('en-CA', 1366, { axe: true });
    assert.deepEqual(found.axe, [], found.axe.join('\n'));
    assert.deepEqual(found.layout, [], found.layout.join('\n'));
  });

  it('every page in French at 1366 px: no axe-core violation, no overflow, no English word or raw identifier', async () => {
    const found = await walk('fr-CA', 1366, { axe: true, french: true });
    assert.deepEqual(found.axe, [], found.axe.join('\n'));
    assert.deepEqual(found.layout, [], found.layout.join('\n'));
    assert.deepEqual(found.french, [], found.french.join('\n'));
  });

  it('every page at 390 px, in French (the longer words): nothing wider than the phone', async () => {
    const { layout } = await walk('fr-CA', 390, {});
    assert.deepEqual(layout, [], layout.join('\n'));
  });

  it('keeps campaign ids, dates and table columns on one line at 1366 px', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await setLanguage('en-CA');
    const lines = async (selector: string): Promise<number> => page.evaluate((sel) => {
      let worst = 0;
      for (const el of [...document.querySelectorAll(sel)] as any[]) {
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = new Set(([...range.getClientRects()] as any[]).filter((r) => r.width > 1).map((r) => Math.round(r.top)));
        worst = Math.max(worst, tops.size);
      }
      return worst;
    }, selector);
    await visit(stops.find((s) => s.name === 'campaigns')!);
    assert.equal(await lines('[data-testid=campaign-link]'), 1, 'a campaign id reads on one line');
    assert.equal(await lines('table.data tbody td:nth-child(4), table.data tbody td:nth-child(5)'), 1, 'first and last seen on one line');
    await visit(stops.find((s) => s.name === 'findings')!);
    assert.equal(await lines('[data-testid=finding-link]'), 1, 'a finding time reads on one line');
    for (const header of ['Country', 'Origin', 'ASN']) {
      const cell = page.locator('table.data th', { hasText: new RegExp(`^${header}$`, 'i') });
      const box = (await cell.boundingBox())!;
      assert.ok(box.x + box.width <= 1366, `${header} is in view without scrolling`);
    }
  });

  it('gives a campaign\'s reasons in French without raw identifiers', async () => {
    await setLanguage('fr-CA');
    await visit(stops.find((s) => s.name === 'campaign')!);
    const found = await englishIn('campaign reasons');
    await setLanguage('en-CA');
    assert.deepEqual(found, [], found.join('\n'));
  });

  it('labels the hour chart over several years with its years, in the chart and its caption', async () => {
    await visit(stops.find((s) => s.name === 'overview')!);
    const chart = page.locator('section[aria-labelledby=time-title]');
    const caption = await chart.getByTestId('chart-summary').innerText();
    assert.match(caption, /2023/, caption);
    assert.match(caption, /2025/, caption);
    const ticks = await chart.locator('svg.chart text.tick').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    assert.ok(ticks.some((t) => /2023|2024|2025/.test(t)), `axis labels carry the year: ${ticks.join(' | ')}`);
    assert.deepEqual(problems, [], 'no script error or CSP violation in the console');
  });
});
