import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { collectProblems, firstPage, launchDashboardBrowser, signIn as signInWithToken } from '../testing/browser.js';
import { corpus } from '../testing/corpora.js';
import { runCli } from '../testing/run-cli.js';
import { openStore } from '../store/index.js';
import { createUser } from './auth/users.js';
import { startServer } from './index.js';

// The finance and influence pages in a real headless Chromium, against a real server on
// loopback and a real DuckDB file: Elections Canada's 2004–2006 contribution lists (Bloc and
// Green, Liberal 2006) imported and scanned by the CLI, plus two hostile rows a reviewer would
// try (a spreadsheet formula and HTML as a contributor's name, at a US address), and a
// generated month of posts with planted campaigns. Every figure on the pages is checked
// against the API's answer, in English and in French, and the CSV exports are downloaded.
const SHOTS = resolve(process.cwd(), 'test-output/screenshots');
const LISTS = 'finance/elections-canada/party-contributions-2004-2013-as-submitted';
const FORMULA = '=HYPERLINK("http://x.example/","open")';
const MARKUP = '<img src=x onerror=alert(1)>';

const en = (n: number): string => new Intl.NumberFormat('en-CA').format(n);
const fr = (n: number): string => new Intl.NumberFormat('fr-CA').format(n);
const money = (n: number, locale: string): string => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CAD' }).format(n);
/** innerText turns no-break spaces into spaces: compare with them folded. */
const fold = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

/** RFC 4180 rows (quoted cells with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

async function cli(args: string[]): Promise<string> {
  const r = await runCli(args);
  assert.equal(r.code, 0, `vigie ${args.slice(0, 2).join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('finance and influence pages in a browser', { timeout: 240_000 }, () => {
  let dir: string;
  let server: { url: string; close: () => Promise<void> };
  let context: BrowserContext;
  let page: Page;
  let analyst: string;
  let viewer: string;
  const problems: string[] = [];

  const get = async <T>(path: string, token = analyst): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    assert.equal(res.status, 200, `${path}: ${text}`);
    return JSON.parse(text) as T;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-module-pages-'));
    mkdirSync(SHOTS, { recursive: true });
    const db = join(dir, 'vigie.duckdb');
    const posts = join(dir, 'month.jsonl');
    const hostile = join(dir, 'hostile-2006.csv');
    writeFileSync(hostile, [
      `Liberal Party of Canada,1,"${FORMULA.replace(/"/g, '""')}","Mar 1, 2006",100000,Seattle,WA,98101`,
      `Liberal Party of Canada,2,"${MARKUP}","Mar 2, 2006",90000,Portland,OR,97201`,
    ].join('\n') + '\n');
    const lists = ['Bloc', 'Green'].flatMap((party) => readdirSync(corpus(`${LISTS}/${party}`)).filter((f) => /200[456]/.test(f)).map((f) => corpus(`${LISTS}/${party}/${f}`)));
    lists.push(corpus(`${LISTS}/Liberal/Liberal Party.2006.csv`));
    // The month is generated while the contributions are imported (a file, not the database).
    const generated = cli(['influence', 'generate', '--seed', '11', '--accounts', '300', '--out', posts]);
    await cli(['finance', 'import', ...lists, hostile, '--db', db, '--quiet']);
    await cli(['finance', 'scan', '--db', db, '--json', join(dir, 'finance.json')]);
    await generated;
    await cli(['influence', 'import', posts, '--db', db, '--quiet']);
    await cli(['influence', 'scan', '--db', db, '--quiet']);
    // Two users, made in this process (as the server's own tests do): a CLI launch each costs
    // seconds on a loaded machine.
    const store = await openStore(db, { create: false });
    try {
      analyst = await createUser(store, 'ana', 'analyst');
      viewer = await createUser(store, 'victor', 'viewer');
    } finally {
      await store.close();
    }
    server = await startServer({ db, port: 0, logger: false, spoolDir: join(dir, 'spool') });
    context = await launchDashboardBrowser(dir, { viewport: { width: 1360, height: 900 } });
    page = await firstPage(context);
    // A CSP violation or a script error is a failure (the pages run under the strict policy).
    collectProblems(page, problems);
    page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const signIn = (token: string) => signInWithToken(page, server.url, token, (p) => p.getByRole('navigation').getByRole('link', { name: 'Financing', exact: true }));

  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();

  interface Alert { id: string; type: string; amount: number; rows: Array<{ file: string; row: number }>; entities: string[]; sections: string[]; reasons: string[]; reasons_fr: string[] }
  interface AlertDetail extends Alert { people: Array<{ id: string; name: string; spellings: string[] }>; row_details: Array<{ file: string; row: number; contributor_name: string; postal: string; recipient: string; monetary: number; non_monetary: number }> }

  it('lists the alerts with the API figures, filters them, and opens a straw ring with its rows', async () => {
    await signIn(analyst);
    await nav('Financing');
    const ranking = await get<{ counts: { rows: number; people: number; recipients: number; alerts: number } }>('/api/finance/recipients');
    const all = await get<{ total: number; by_type: Record<string, number>; alerts: Alert[] }>('/api/finance/alerts?limit=1000');
    assert.ok(all.total > 50 && all.by_type.straw_ring! >= 1 && all.by_type.foreign_address! >= 2, JSON.stringify(all.by_type));
    const line = await page.getByTestId('finance-scan').innerText();
    for (const n of [ranking.counts.rows, ranking.counts.people, ranking.counts.recipients, ranking.counts.alerts]) assert.ok(line.includes(en(n)), `${en(n)} in "${line}"`);
    assert.equal(await page.getByTestId('finance-range').innerText(), `1–50 of ${en(all.total)}`);
    assert.equal(await page.getByTestId('finance-alert-link').count(), 50);
    // The table's first amounts are the API's, in order.
    const amounts = await page.getByTestId('finance-alert-amount').allInnerTexts();
    assert.deepEqual(amounts.slice(0, 5).map(fold), all.alerts.slice(0, 5).map((a) => fold(money(a.amount, 'en-CA'))));
    await page.screenshot({ path: join(SHOTS, 'finance-en.png'), fullPage: false });

    // Filter: foreign addresses of 2006.
    await page.getByLabel('Kind').selectOption('foreign_address');
    await page.getByLabel('Year').fill('2006');
    await page.getByRole('button', { name: 'Apply' }).click();
    const foreign = await get<{ total: number; alerts: Alert[] }>('/api/finance/alerts?type=foreign_address&year=2006&limit=1000');
    await page.getByTestId('finance-range').filter({ hasText: new RegExp(` of ${en(foreign.total)}$`) }).waitFor();
    assert.deepEqual(await page.getByTestId('finance-alert-link').allInnerTexts(), foreign.alerts.map((a) => a.id));

    // The straw ring: its rows as filed, its people, the sections of the Act.
    const ring = all.alerts.find((a) => a.type === 'straw_ring')!;
    const detail = await get<AlertDetail>(`/api/finance/alerts/${ring.id}`);
    await page.goto(`${server.url}/#/finance/alerts/${ring.id}`);
    await page.getByRole('heading', { level: 1, name: `Alert ${ring.id} · Straw-donor ring` }).waitFor();
    assert.equal(fold(await page.getByTestId('finance-alert-total').innerText()), fold(money(ring.amount, 'en-CA')));
    assert.equal(await page.getByTestId('finance-alert-rowcount').innerText(), en(ring.rows.length));
    const cited = await page.getByTestId('finance-row').locator('td:first-child').allInnerTexts();
    assert.deepEqual(cited, detail.row_details.map((r) => `${r.file}:${r.row}`));
    assert.deepEqual(cited, ring.rows.map((r) => `${r.file}:${r.row}`), 'every cited row is shown, as the scan cited it');
    assert.equal(await page.getByTestId('finance-person').count(), ring.entities.length);
    assert.deepEqual(await page.getByTestId('finance-alert-reasons').locator('li').allInnerTexts(), ring.reasons);
    // Where the money came from: the cited rows' postal codes and recipients, with their dollars.
    const postals = (await page.getByTestId('finance-flow-postal').allTextContents()).map((t) => fold(t));
    const expected = [...new Set(detail.row_details.map((r) => r.postal))].map((p) =>
      fold(`${p} · ${money(detail.row_details.filter((r) => r.postal === p).reduce((n, r) => n + Number(r.monetary) + Number(r.non_monetary), 0), 'en-CA')}`));
    assert.deepEqual(postals.sort(), expected.sort());
    assert.equal(await page.getByTestId('finance-flow-recipient').count(), new Set(detail.row_details.map((r) => r.recipient)).size);
    const sections = await page.getByTestId('finance-alert-sections').innerText();
    assert.match(fold(sections), /s\. 370\(1\) \(contributions of another’s money\)/);
    await page.screenshot({ path: join(SHOTS, 'finance-alert-en.png'), fullPage: true });

    // In French: the same alert, French reasons, French amounts, "art." for the sections.
    await page.getByTestId('lang-toggle').click();
    await page.getByRole('heading', { level: 1, name: `Alerte ${ring.id} · Réseau de prête-noms` }).waitFor();
    assert.equal(fold(await page.getByTestId('finance-alert-total').innerText()), fold(money(ring.amount, 'fr-CA')));
    assert.deepEqual((await page.getByTestId('finance-alert-reasons').locator('li').allInnerTexts()).map(fold), ring.reasons_fr.map(fold));
    assert.match(fold(await page.getByTestId('finance-alert-sections').innerText()), /art\. 370\(1\) \(contributions avec l’argent d’autrui\)/);
    await page.getByTestId('lang-toggle').click();
    await page.getByRole('heading', { level: 1, name: `Alert ${ring.id} · Straw-donor ring` }).waitFor();
  });

  it('shows the resolved person behind an alert with every spelling joined, and hostile names as text', async () => {
    // An alert whose person gave under several spellings (the API says which).
    let joined: { alert: string; spellings: string[] } | undefined;
    const { alerts } = await get<{ alerts: Alert[] }>('/api/finance/alerts?type=limit_breach&limit=1000');
    for (const a of alerts) {
      const d = await get<AlertDetail>(`/api/finance/alerts/${a.id}`);
      const p = d.people.find((x) => x.spellings.length > 1);
      if (p) { joined = { alert: a.id, spellings: p.spellings }; break; }
    }
    assert.ok(joined, 'some limit breach is given under several spellings in the 2004–2006 lists');
    await page.goto(`${server.url}/#/finance/alerts/${joined.alert}`);
    await page.getByTestId('finance-person').first().waitFor();
    const shown = await page.getByTestId('finance-person-spellings').allInnerTexts();
    assert.ok(shown.includes(joined.spellings.join(' · ')), `${shown.join(' | ')} vs ${joined.spellings.join(' · ')}`);
    assert.ok(await page.getByTestId('finance-person-links').locator('li').count() >= 1, 'the join says why');

    // The hostile rows: shown as the text they are, nothing run.
    const foreign = await get<{ alerts: Alert[] }>('/api/finance/alerts?type=foreign_address&limit=1000');
    for (const name of [FORMULA, MARKUP]) {
      const a = foreign.alerts.find((x) => x.reasons[0]!.startsWith(name))!;
      assert.ok(a, name);
      await page.goto(`${server.url}/#/finance/alerts/${a.id}`);
      await page.getByTestId('finance-person').first().waitFor();
      assert.equal(await page.getByTestId('finance-person').locator('h3').innerText(), name);
    }
    assert.equal(await page.locator('main img').count(), 0);
  });

  it('exports the filtered alerts as CSV, formulas defused', async () => {
    await page.goto(`${server.url}/#/finance?type=foreign_address`);
    const api = await get<{ total: number; alerts: Alert[] }>('/api/finance/alerts?type=foreign_address&limit=1000');
    await page.getByTestId('finance-range').filter({ hasText: new RegExp(` of ${en(api.total)}$`) }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('finance-csv').click()]);
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
    const head = rows[0]!;
    assert.deepEqual(head.slice(0, 6), ['id', 'type', 'score', 'amount', 'first', 'last']);
    const body = rows.slice(1);
    assert.deepEqual(body.map((r) => r[0]), api.alerts.map((a) => a.id));
    assert.deepEqual(body.map((r) => Number(r[head.indexOf('amount')])), api.alerts.map((a) => a.amount));
    const hostile = body.find((r) => r[head.indexOf('people')]!.includes('HYPERLINK'))!;
    assert.equal(hostile[head.indexOf('people')], `'${FORMULA}`, 'a formula becomes text');
    assert.ok(hostile[head.indexOf('reasons')]!.startsWith(`'${FORMULA}`));
    for (const r of body) for (const cell of r) assert.doesNotMatch(cell, /^[=+@\t\r]/, `no cell runs as a formula: ${cell}`);
  });

  interface Group { id: string; accounts: string[]; posts: string[]; signals: Record<string, number>; langs: string[]; reasons: string[]; reasons_fr: string[]; reasons_en?: string[] }
  interface Evidence { text_a: string; text_b: string; account_a: string; account_b: string }

  it('lists the coordinated groups and opens one with its accounts, time line and posts side by side', async () => {
    await nav('Influence');
    const { groups } = await get<{ groups: Group[] }>('/api/influence/groups?limit=500');
    assert.ok(groups.length >= 4, `${groups.length} groups`);
    await page.getByTestId('influence-group-link').first().waitFor();
    assert.deepEqual(await page.getByTestId('influence-group-link').allInnerTexts(), groups.map((g) => g.id));
    assert.deepEqual(await page.getByTestId('influence-group-accounts').allInnerTexts(), groups.map((g) => en(g.accounts.length)));
    await page.screenshot({ path: join(SHOTS, 'influence-en.png'), fullPage: false });

    // The group writing in Simplified and Traditional Chinese.
    const zh = groups.find((g) => g.langs.includes('zh-Hans') && g.langs.includes('zh-Hant'))!;
    assert.ok(zh, 'a planted group writes in both Chinese scripts');
    const { evidence } = await get<{ evidence: Evidence[] }>(`/api/influence/groups/${zh.id}?limit=2000`);
    await page.getByTestId('influence-group-link').filter({ hasText: new RegExp(`^${zh.id}$`) }).click();
    await page.getByRole('heading', { level: 1, name: `Group ${zh.id}` }).waitFor();
    assert.equal(await page.getByTestId('influence-accounts-count').innerText(), en(zh.accounts.length));
    assert.equal(await page.getByTestId('influence-posts-count').innerText(), en(zh.posts.length));
    assert.deepEqual(await page.getByTestId('influence-accounts').locator('li').allInnerTexts(), zh.accounts);
    assert.deepEqual(await page.getByTestId('influence-reasons').locator('li').allInnerTexts(), zh.reasons_en ?? zh.reasons);
    // The posts side by side, as written: Traditional stays Traditional, Simplified stays Simplified.
    const shown = Math.min(50, evidence.length);
    assert.equal(await page.getByTestId('influence-pair').count(), shown);
    const squash = (t: string): string => t.replace(/\s+/g, ' ').trim();
    const texts = await page.getByTestId('influence-post-text').allInnerTexts();
    assert.deepEqual(texts.map(squash), evidence.slice(0, shown).flatMap((e) => [e.text_a, e.text_b]).map(squash));
    const all = evidence.flatMap((e) => [e.text_a, e.text_b]).join('');
    assert.ok(/[選區議員請轉發給華]/u.test(all), 'Traditional characters in the evidence, as written');
    assert.ok(/[选区议员请转发给华]/u.test(all), 'Simplified characters in the evidence, as written');
    // The time line: a dot per post of each pair (one lane per account, up to 30).
    assert.ok(zh.accounts.length <= 30);
    assert.equal(await page.getByTestId('influence-timeline').locator('circle.co-action').count(), 2 * evidence.length);
    await page.screenshot({ path: join(SHOTS, 'influence-group-en.png'), fullPage: false });

    // In French.
    await page.getByTestId('lang-toggle').click();
    await page.getByRole('heading', { level: 1, name: `Groupe ${zh.id}` }).waitFor();
    assert.deepEqual((await page.getByTestId('influence-reasons').locator('li').allInnerTexts()).map(fold), zh.reasons_fr.map(fold));
    assert.equal(await page.getByTestId('influence-accounts-count').innerText(), fr(zh.accounts.length));
    await page.getByTestId('lang-toggle').click();
    await page.getByRole('heading', { level: 1, name: `Group ${zh.id}` }).waitFor();

    // The evidence as CSV (every pair) and the accounts' graph for Gephi.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('influence-csv').click()]);
    const rows = parseCsv(readFileSync((await csvDownload.path())!, 'utf8'));
    assert.equal(rows[0]!.join(','), 'signal,item,gap_secs,account_a,post_a,time_a,file_a,line_a,text_a,account_b,post_b,time_b,file_b,line_b,text_b');
    assert.equal(rows.length - 1, evidence.length);
    const textA = rows[0]!.indexOf('text_a');
    assert.deepEqual(rows.slice(1).map((r) => r[textA]!.replace(/^'(?=[=+\-@])/, '')), evidence.map((e) => e.text_a));
    for (const r of rows.slice(1)) assert.doesNotMatch(r[textA]!, /^[=+\-@]/, 'a post cannot run as a formula');
    const [gexfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('influence-gexf').click()]);
    const gexf = readFileSync((await gexfDownload.path())!, 'utf8');
    const nodes = [...gexf.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(nodes.length >= 2 && nodes.every((n) => zh.accounts.includes(n)), nodes.join(' '));
  });

  it('tells a viewer why the alerts are not shown', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Access token').waitFor();
    await signIn(viewer);
    await nav('Financing');
    await page.getByTestId('finance-viewer').waitFor();
    assert.equal(await page.getByTestId('finance-alert-link').count(), 0);
    assert.ok(await page.getByTestId('finance-recipient-link').count() > 0, 'the ranking is open to viewers');
    assert.deepEqual(problems, [], 'no script error, dialog or CSP violation');
  });
});
