import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Browser, BrowserContext } from 'playwright-core';
import { cliUserToken, launchBrowser } from '../testing/browser.js';
import { runCli, VIGIE_BIN } from '../testing/run-cli.js';
import { fromBase32, totpCode, totpStep } from './index.js';
import { until } from '../testing/until.js';

// The reporter's side in a real headless Chromium against a real `vigie serve` process and a
// real DuckDB file, in the four languages, with JavaScript and without; then the security
// checks a reviewer would run: the words, names and file bytes sent are nowhere on disk (the
// database, its WAL, the server's temp directory) nor in the server's output, and neither is
// the reporter's address or user agent.
const SHOTS = resolve(process.cwd(), 'test-output/screenshots');
const PASSPHRASE = 'a long passphrase for anna';
const REPORTER_IP = '203.0.113.77';
const REPORTER_UA = 'Mozilla/5.0 (X11; Linux x86_64) ReporterBrowser/99.0';
const RUN = Math.random().toString(36).slice(2, 8);

const LANGS = [
  { lang: 'en', locale: 'en-CA', accept: 'en-CA,en;q=0.9', title: 'Report intimidation', what: `MARKEREN${RUN} two men waited outside my building`, sent: 'Your message has been sent.', reply: 'Did they give a name?', answer: `ANSWEREN${RUN} no name, a black car` },
  { lang: 'fr', locale: 'fr-CA', accept: 'fr-CA,fr;q=0.9', title: 'Signaler de l’intimidation', what: `MARQUEURFR${RUN} on m’a demandé de surveiller l’association`, sent: 'Votre message a été envoyé.', reply: 'Pouvez-vous décrire la voiture?', answer: `REPONSEFR${RUN} une berline grise` },
  { lang: 'zh-Hans', locale: 'zh-CN', accept: 'zh-CN,zh;q=0.9', title: '举报恐吓', what: `标记${RUN}有人打电话给我在国内的父母`, sent: '您的消息已发送。', reply: '他们说了什么？', answer: `回答${RUN}他们要我别再参加集会` },
  { lang: 'zh-Hant', locale: 'zh-TW', accept: 'zh-TW,zh;q=0.9', title: '舉報恐嚇', what: `標記${RUN}有人在社區中心拍我的照片`, sent: '您的訊息已傳送。', reply: '您還記得日期嗎？', answer: `回答${RUN}十一月三日晚上` },
] as const;

/** A JPEG-shaped file with an Exif block that has a GPS entry (what a phone photo carries). */
function photoWithGps(marker: string): Buffer {
  const ifd = Buffer.alloc(2 + 12 + 4);
  ifd.writeUInt16BE(1, 0);
  ifd.writeUInt16BE(0x8825, 2); // GPSInfo
  ifd.writeUInt16BE(4, 4);
  ifd.writeUInt32BE(1, 6);
  ifd.writeUInt32BE(26, 10);
  const tiff = Buffer.concat([Buffer.from('MM\x00\x2a\x00\x00\x00\x08', 'latin1'), ifd]);
  const app1Body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), Buffer.from([(app1Body.length + 2) >> 8, (app1Body.length + 2) & 0xff]), app1Body]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, Buffer.from([0xff, 0xda, 0, 2]), Buffer.from(marker, 'latin1'), Buffer.from([0xff, 0xd9])]);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('tips: the report form in a browser, and what the server keeps', { timeout: 300_000 }, () => {
  let dir: string;
  let db: string;
  let serverTmp: string;
  let server: ChildProcess;
  let out = '';
  let url: string;
  let token: string;
  let totp: Buffer;
  let browser: Browser;
  const receipts = new Map<string, string>();
  const problems: string[] = [];
  const secrets: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-tips-browser-'));
    mkdirSync(SHOTS, { recursive: true });
    db = join(dir, 'tips.duckdb');
    serverTmp = join(dir, 'tmp');
    mkdirSync(serverTmp);
    token = await cliUserToken(db, 'anna', 'analyst');
    writeFileSync(join(dir, 'pass'), `${PASSPHRASE}\n`);
    const made = await runCli(['tips', 'recipient', 'add', 'anna', '--passphrase-file', join(dir, 'pass'), '--db', db]);
    assert.equal(made.code, 0, made.stderr);
    totp = fromBase32(/otpauth:\/\/totp\/[^\s]*secret=([A-Z2-7]+)/.exec(made.stdout)![1]!);
    server = spawn(process.execPath, [VIGIE_BIN, 'serve', '--db', db, '--port', '0', '--trust-proxy', '1', '--behaviour-every', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TMPDIR: serverTmp, VIGIE_TIPS_NOJS_WAIT_SECS: '2', VIGIE_TIPS_SUBMISSIONS_PER_HOUR: '20', VIGIE_TIPS_POW_BITS: '12' },
    });
    server.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    url = await until('the listening line', () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await until('the server to stop', () => (server.exitCode !== null ? true : undefined), 30_000).catch(() => server.kill('SIGKILL'));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** A reporter's browser: their language, their user agent, their address (as the proxy in front says). */
  async function reporter(locale: string, accept: string, javaScriptEnabled = true): Promise<BrowserContext> {
    const context = await browser.newContext({ locale, javaScriptEnabled, userAgent: REPORTER_UA, extraHTTPHeaders: { 'x-forwarded-for': REPORTER_IP, 'accept-language': accept } });
    context.on('page', (p) => {
      p.on('console', (m) => { if (m.type() === 'error') problems.push(`${locale}: ${m.text()}`); });
      p.on('pageerror', (e) => problems.push(`${locale}: ${e.message}`));
    });
    return context;
  }

  const api = (path: string, init: RequestInit = {}) => fetch(`${url}/api/tips${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

  it('in each language, from the browser\'s own language: submit with a photo, get the receipt once, no cookie', async () => {
    for (const l of LANGS) {
      const context = await reporter(l.locale, l.accept);
      const page = await context.newPage();
      await page.goto(`${url}/report`);
      assert.equal(await page.getAttribute('html', 'lang'), l.lang);
      assert.equal(await page.textContent('h1'), l.title);
      assert.ok((await page.textContent('#photo-warning'))!.length > 40, 'the photo warning is shown before upload');
      assert.ok((await page.textContent('#receipt-warning'))!.length > 40, 'losing the receipt is explained before submitting');
      const who = `WHO${RUN}${l.lang.replace('-', '')}`;
      const contact = `CONTACT${RUN}${l.lang.replace('-', '')}@example.org`;
      const fileMarker = `FILEBYTES${RUN}${l.lang.replace('-', '')}`;
      secrets.push(l.what, who, contact, fileMarker);
      await page.fill('#what', l.what);
      await page.fill('#when', '2026-11-03');
      await page.fill('#where', 'Richmond');
      await page.fill('#who', who);
      await page.fill('#contact', contact);
      await page.setInputFiles('#files', { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photoWithGps(fileMarker) });
      await page.click('#submit');
      await page.waitForSelector('#receipt', { timeout: 60_000 });
      const receipt = (await page.textContent('#receipt'))!.trim();
      assert.match(receipt, /^\d{5} \d{5} \d{5} \d{5} \d{5}$/);
      assert.ok(await page.isVisible('#photo-location'), 'the reporter is told the photo carried a location');
      receipts.set(l.lang, receipt);
      assert.deepEqual(await context.cookies(), [], 'no cookie, before or after submission');
      await page.screenshot({ path: join(SHOTS, `tips-receipt-${l.lang}.png`), fullPage: true });
      await context.close();
    }
    assert.deepEqual(problems, [], 'no CSP violation or script error');
  });

  it('without JavaScript, submitting still works (the server\'s slower queue instead of the proof of work)', async () => {
    const context = await reporter('zh-TW', 'zh-TW,zh;q=0.9', false);
    const page = await context.newPage();
    await page.goto(`${url}/report?lang=zh-Hant`);
    assert.ok(await page.isVisible('noscript p, p.note'));
    const what = `無腳本${RUN}他們說會去找我的家人`;
    secrets.push(what);
    await page.fill('#what', what);
    await page.click('#submit');
    await page.waitForSelector('#receipt', { timeout: 60_000 });
    receipts.set('nojs', (await page.textContent('#receipt'))!.trim());
    assert.deepEqual(await context.cookies(), []);
    await page.screenshot({ path: join(SHOTS, 'tips-receipt-nojs.png'), fullPage: true });
    await context.close();
  });

  it('in the dashboard, the recipient unlocks her key with passphrase and TOTP, reads a report in Chinese and asks the reporter a question', async () => {
    const context = await browser.newContext({ locale: 'en-CA' });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`dashboard: ${e.message}`));
    await page.goto(`${url}/#/login`);
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByTestId('tips-report-link').first().waitFor();
    assert.equal(await page.getByTestId('tips-report-link').count(), 5);
    await page.getByRole('row').filter({ hasText: '繁體中文' }).filter({ hasText: '1 · ' }).getByTestId('tips-report-link').click();
    await page.getByTestId('tips-unlock').waitFor();
    await page.fill('#tips-passphrase', PASSPHRASE);
    await page.fill('#tips-totp', totpCode(totp, totpStep(Date.now()) - 1));
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('tips-field-what').waitFor();
    const zh = LANGS.find((l) => l.lang === 'zh-Hant')!;
    assert.equal(await page.getByTestId('tips-field-what').textContent(), zh.what);
    assert.ok((await page.textContent('main'))!.includes('carries a GPS location'));
    await page.fill('#tips-reply', zh.reply);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('tips-messages').waitFor();
    assert.ok((await page.getByTestId('tips-messages').textContent())!.includes(zh.reply));
    await page.screenshot({ path: join(SHOTS, 'tips-dashboard-report.png'), fullPage: true });
    await context.close();
    assert.deepEqual(problems, []);
  });

  it('the recipient unlocks, reads each report in its language and asks a question; each reporter comes back with the receipt, reads it and answers', async () => {
    // The dashboard above unlocked with the previous step's code; the API unlocks with the current one (a code works once).
    const unlock = await api('/unlock', { method: 'POST', body: JSON.stringify({ passphrase: PASSPHRASE, totp: totpCode(totp, totpStep(Date.now())) }) });
    assert.equal(unlock.status, 200, await unlock.text());
    const inbox = (await (await api('/reports')).json()) as { reports: Array<{ id: string; lang: string; photo_location: boolean; attachments: number }> };
    assert.equal(inbox.reports.length, 5);
    for (const l of LANGS) {
      const row = inbox.reports.find((r) => r.lang === l.lang && r.attachments === 1)!;
      assert.equal(row.photo_location, true);
      const report = await (await api(`/reports/${row.id}`)).json() as { fields: { what: string }; attachments: Array<{ name: string; kind: string; gps: boolean }> };
      assert.equal(report.fields.what, l.what);
      assert.deepEqual(report.attachments.map((a) => [a.name, a.kind, a.gps]), [['IMG_2041.jpg', 'jpeg', true]]);
      const original = Buffer.from(await (await api(`/reports/${row.id}/attachments/0`)).arrayBuffer());
      assert.ok(original.includes(Buffer.from(`FILEBYTES${RUN}`)), 'the original is kept as sent, metadata and all');
      // The zh-Hant question was asked in the dashboard above.
      if (l.lang !== 'zh-Hant') assert.equal((await api(`/reports/${row.id}/messages`, { method: 'POST', body: JSON.stringify({ text: l.reply }) })).status, 201);

      const context = await reporter(l.locale, l.accept);
      const page = await context.newPage();
      await page.goto(`${url}/report`);
      await page.click(`a[href="/report/follow-up?lang=${l.lang}"]`);
      await page.fill('#receipt', receipts.get(l.lang)!);
      await page.click('#open');
      await page.waitForSelector('#messages');
      assert.ok((await page.textContent('#messages'))!.includes(l.reply));
      secrets.push(l.answer);
      await page.fill('#text', l.answer);
      await page.click('#send');
      await page.waitForSelector('p.ok');
      assert.equal((await page.textContent('p.ok'))!.trim(), l.sent);
      assert.ok((await page.textContent('#messages'))!.includes(l.answer));
      await page.screenshot({ path: join(SHOTS, `tips-follow-up-${l.lang}.png`), fullPage: true });
      assert.deepEqual(await context.cookies(), []);
      await context.close();
      const thread = await (await api(`/reports/${row.id}`)).json() as { messages: Array<{ from: string; text: string }> };
      assert.deepEqual(thread.messages.map((m) => m.from), ['team', 'reporter']);
      assert.equal(thread.messages[1]!.text, l.answer);
    }
    // A wrong receipt (a digit changed) and a made-up one get the same page.
    const context = await reporter('en-CA', 'en');
    const page = await context.newPage();
    const texts: string[] = [];
    const real = receipts.get('en')!.replace(/\s/g, '');
    for (const receipt of [real.slice(0, -1) + String((Number(real.at(-1)) + 1) % 10), '1111122222333334444455555']) {
      await page.goto(`${url}/report/follow-up?lang=en`);
      await page.fill('#receipt', receipt);
      await page.click('#open');
      await page.waitForSelector('p.error');
      texts.push((await page.textContent('main'))!);
    }
    assert.equal(texts[0], texts[1]);
    await context.close();
    // The two refusals are 403s, which Chromium reports on the console; nothing else may be there.
    assert.deepEqual(problems.filter((p) => !/en-CA: Failed to load resource: .* 403/.test(p)), []);
  });

  it('nothing the reporters sent, and neither their address nor their user agent, is in the database, its WAL, the temp directory or the server\'s output', async () => {
    // A control in clear (a case link's subject id is not sealed): the search below finds what is there.
    const control = `camp-CONTROL${RUN}`;
    const c = await (await api('/cases', { method: 'POST', body: JSON.stringify({ title: `CASETITLE${RUN}` }) })).json() as { id: string };
    secrets.push(`CASETITLE${RUN}`);
    assert.equal((await api(`/cases/${c.id}/links`, { method: 'POST', body: JSON.stringify({ module: 'web', kind: 'campaign', subject_id: control }) })).status, 201);
    const grepFiles = (): Record<string, string[]> => {
      const found: Record<string, string[]> = {};
      for (const file of [db, `${db}.wal`, ...filesUnder(serverTmp), ...filesUnder(`${db}.spool`)]) {
        if (!existsSync(file)) continue;
        const bytes = readFileSync(file);
        for (const needle of [...secrets, REPORTER_IP, REPORTER_UA, 'ReporterBrowser', control]) {
          for (const enc of [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')]) {
            if (bytes.includes(enc)) (found[needle] ??= []).push(file);
          }
        }
      }
      return found;
    };
    // While the server runs (the WAL holds the latest writes), then after it stops.
    const running = grepFiles();
    assert.deepEqual(Object.keys(running).filter((k) => k !== control), [], JSON.stringify(running));
    server.kill('SIGTERM');
    await until('the server to stop', () => (server.exitCode !== null ? true : undefined), 60_000);
    const stopped = grepFiles();
    assert.deepEqual(Object.keys(stopped).filter((k) => k !== control), [], JSON.stringify(stopped));
    // DuckDB may compress strings, so a byte search alone could miss one: look in every text
    // column of every table too, where the control must show up.
    const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
    const conn = await instance.connect();
    const columns = (await conn.runAndReadAll(`SELECT table_name, column_name FROM information_schema.columns WHERE data_type IN ('VARCHAR', 'JSON') OR data_type LIKE 'VARCHAR%'`)).getRowObjects();
    const inTables: string[] = [];
    let controlSeen = false;
    for (const { table_name, column_name } of columns) {
      for (const needle of [...secrets, REPORTER_IP, REPORTER_UA, 'ReporterBrowser', control]) {
        const n = (await conn.runAndReadAll(`SELECT count(*) AS n FROM "${String(table_name)}" WHERE contains(CAST("${String(column_name)}" AS VARCHAR), $needle)`, { needle })).getRowObjects()[0]!.n;
        if (Number(n) > 0) {
          if (needle === control) controlSeen = true;
          else inTables.push(`${String(table_name)}.${String(column_name)}: ${needle}`);
        }
      }
    }
    conn.closeSync();
    instance.closeSync();
    assert.ok(controlSeen, 'the control string is found by the table search');
    assert.deepEqual(inTables, []);
    // The server's output: it logged (the team's API calls are there), but nothing of the reporters.
    assert.match(out, /\/api\/tips\/reports/, 'the log is on: the analysts\' requests are in it');
    const leaks = [...secrets, REPORTER_IP, REPORTER_UA, 'ReporterBrowser', '"/report'].filter((s) => out.includes(s));
    assert.deepEqual(leaks, [], out.split('\n').filter((l) => leaks.some((s) => l.includes(s))).slice(0, 5).join('\n'));
  });
});
