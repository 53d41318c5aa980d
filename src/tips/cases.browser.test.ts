import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cliUserToken, collectProblems, launchBrowser } from '../testing/browser.js';
import { MODULES } from '../registry/index.js';
import { openStoreSession } from '../store/index.js';
import { runCli, VIGIE_BIN } from '../testing/run-cli.js';
import { fromBase32, totpCode, totpStep } from './crypto/totp.js';
import { addCaseNote, openCase } from './cases.js';
import { receiveReport } from './intake.js';
import { TipsRepository } from './repository.js';
import { until } from '../testing/until.js';

// The cases pages in a real headless Chromium against a real `vigie serve` and DuckDB file, in
// English then French: the list, a case opened after unlocking the key, its timeline (report
// received and added, links, notes decrypted in the session, status changes, export), and the
// actions that add to it. The server's output shows the retention pass it ran at start.
const SHOTS = resolve(process.cwd(), 'test-output/screenshots');
const PASSPHRASE = 'a long passphrase for anna';

describe('tips: the cases pages in a browser, EN and FR', { timeout: 180_000 }, () => {
  let dir: string;
  let server: ChildProcess;
  let out = '';
  let url: string;
  let token: string;
  let totp: Buffer;
  let browser: Browser;
  let page: Page;
  let caseId: string;
  let reportId: string;
  const problems: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-tips-cases-browser-'));
    mkdirSync(SHOTS, { recursive: true });
    const db = join(dir, 'tips.duckdb');
    token = await cliUserToken(db, 'anna', 'analyst');
    writeFileSync(join(dir, 'pass'), `${PASSPHRASE}\n`);
    const made = await runCli(['tips', 'recipient', 'add', 'anna', '--passphrase-file', join(dir, 'pass'), '--db', db]);
    assert.equal(made.code, 0, made.stderr);
    totp = fromBase32(/otpauth:\/\/totp\/[^\s]*secret=([A-Z2-7]+)/.exec(made.stdout)![1]!);
    // Two reports through the intake (as the form would), and a case with one of them, a web campaign and a note.
    const session = await openStoreSession(db, MODULES, {});
    try {
      const repo = new TipsRepository(session.database);
      reportId = (await receiveReport(repo, 'zh-Hant', { what: '有人在社區中心拍我的照片', when: '十一月三日', where: 'Richmond', who: '', contact: '' }, [])).id;
      await receiveReport(repo, 'fr', { what: 'Un homme a demandé la liste des membres', when: 'novembre', where: 'Montréal', who: '', contact: '' }, []);
      caseId = await openCase(repo, 'Photographers at the community centre', 'anna');
      await repo.linkReport(caseId, reportId, 'anna');
      await repo.linkSubject(caseId, { module: 'web', kind: 'campaign', subject_id: 'camp-0042' }, 'anna');
      await addCaseNote(repo, caseId, 'anna', 'The reporter recognised one man from a WeChat group');
    } finally {
      await session.close();
    }
    // Bob becomes a recipient after the reports arrived: nothing is sealed to him yet.
    const bob = await runCli(['tips', 'recipient', 'add', 'bob', '--passphrase-file', join(dir, 'pass'), '--db', db]);
    assert.equal(bob.code, 0, bob.stderr);
    server = spawn(process.execPath, [VIGIE_BIN, 'serve', '--db', db, '--port', '0', '--behaviour-every', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    url = await until('the listening line', () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-CA', timezoneId: 'UTC', acceptDownloads: true });
    page = await context.newPage();
    collectProblems(page, problems, { expectedStatus: /Failed to load resource: .*403/ });
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await until('the server to stop', () => (server.exitCode !== null ? true : undefined), 30_000).catch(() => server.kill('SIGKILL'));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const timeline = async (): Promise<string[]> => page.getByTestId('case-timeline').locator('li').allTextContents();

  it('in English: the list, then the case after unlocking, its timeline, and what the analyst adds to it', async () => {
    await page.goto(`${url}/#/login`);
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByTestId('cases-table').waitFor();
    // Locked: the case is listed by id, with its counts; the title is sealed.
    const row = page.getByRole('row').filter({ hasText: caseId });
    assert.deepEqual((await row.locator('td').allTextContents()).slice(0, 8), [caseId, 'open', 'anna', '1', '1', '0', '0', '1']);
    await page.getByTestId('case-link').first().click();
    await page.getByTestId('tips-unlock').waitFor();
    await page.fill('#tips-passphrase', PASSPHRASE);
    await page.fill('#tips-totp', totpCode(totp, totpStep(Date.now())));
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('case-title').waitFor();
    assert.equal(await page.getByTestId('case-title').textContent(), 'Photographers at the community centre');
    const first = await timeline();
    assert.match(first[0]!, new RegExp(`Report ${reportId.slice(0, 8)} received`));
    assert.match(first[1]!, /anna opened the case/);
    assert.ok(first.some((t) => new RegExp(`anna added report ${reportId.slice(0, 8)}`).test(t)), first.join('\n'));
    assert.ok(first.some((t) => /anna linked the web campaign camp-0042/.test(t)));
    assert.ok(first.some((t) => /anna added a note.*recognised one man from a WeChat group/.test(t)), 'the note is opened for the reader');
    assert.equal(await page.getByTestId('case-links').getByRole('link', { name: 'camp-0042' }).getAttribute('href'), '#/campaigns/camp-0042');

    // Status, an influence group, a note, an export: each lands in the timeline.
    await page.selectOption('#case-status', 'referred');
    await page.getByTestId('case-timeline').getByText('anna set the status to “referred”').waitFor();
    await page.selectOption('#case-link-kind', 'influence.group');
    await page.fill('#case-link-subject', 'grp-17');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByTestId('case-timeline').getByText('anna linked the influence group grp-17').waitFor();
    await page.fill('#case-note', 'Committee briefing on Thursday');
    await page.getByRole('button', { name: 'Save the note' }).click();
    await page.getByTestId('case-timeline').getByText('Committee briefing on Thursday').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('case-export').click();
    assert.equal((await download).suggestedFilename(), `${caseId}.json`);
    await page.getByTestId('case-timeline').getByText('anna exported the case for the committee').waitFor();
    const kinds = await page.getByTestId('case-timeline').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind')));
    assert.deepEqual(kinds, ['report_received', 'opened', 'report_linked', 'subject_linked', 'note', 'status', 'subject_linked', 'note', 'export']);
    await page.screenshot({ path: join(SHOTS, 'tips-case-en.png'), fullPage: true });

    // Back to the list, unlocked: the title shows, and the counts have moved.
    await page.getByRole('link', { name: '← All cases' }).click();
    await page.getByTestId('cases-table').waitFor();
    const cells = await page.getByRole('row').filter({ hasText: 'Photographers' }).locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 8), ['Photographers at the community centre', 'referred', 'anna', '1', '1', '0', '1', '2']);
    // Re-sharing to bob, added later: both open reports and the case.
    await page.fill('#share-recipient', 'bob');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByTestId('share-status').getByText('2 report(s) and 1 case(s) shared with bob.').waitFor();
    assert.deepEqual(problems, []);
  });

  it('in French: the same case, its timeline in French, and a new case opened from the list', async () => {
    await page.getByTestId('lang-toggle').click();
    await page.getByRole('navigation').getByRole('link', { name: 'Dossiers', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Dossiers', level: 1 }).waitFor();
    assert.deepEqual(await page.getByRole('columnheader').allTextContents(), ['Dossier', 'Statut', 'Responsable', 'Signalements', 'Campagnes web', 'Alertes de financement', 'Groupes d’influence', 'Notes', 'Ouvert le']);
    await page.getByRole('link', { name: 'Photographers at the community centre' }).click();
    await page.getByTestId('case-title').waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Chronologie' }).count(), 1);
    const texts = await timeline();
    assert.match(texts[0]!, new RegExp(`Signalement ${reportId.slice(0, 8)} reçu`));
    assert.ok(texts.some((t) => /anna a ouvert le dossier/.test(t)));
    assert.ok(texts.some((t) => /anna a changé le statut : « transmis »/.test(t)));
    assert.ok(texts.some((t) => /anna a relié : groupe d’influence grp-17/.test(t)));
    assert.ok(texts.some((t) => /anna a exporté le dossier pour le comité/.test(t)));
    assert.ok(texts.some((t) => /anna a partagé le dossier avec bob/.test(t)));
    await page.fill('#case-owner', 'bruno');
    await page.getByRole('button', { name: 'Changer le responsable' }).click();
    await page.getByTestId('case-timeline').getByText('anna a confié le dossier à bruno').waitFor();
    await page.screenshot({ path: join(SHOTS, 'tips-case-fr.png'), fullPage: true });

    await page.getByRole('link', { name: '← Tous les dossiers' }).click();
    await page.fill('#case-title', 'Appels aux familles en Chine');
    await page.getByRole('button', { name: 'Ouvrir un dossier' }).click();
    await page.getByTestId('case-title').filter({ hasText: 'Appels aux familles en Chine' }).waitFor();
    assert.match((await timeline())[0]!, /anna a ouvert le dossier/);
    assert.deepEqual(problems, []);
    // The server ran its retention pass at start and said what it removed, in counts.
    assert.match(out, /tips retention: 0 report\(s\) older than 90 days removed, 0 kept in cases/);
  });

  it('refuses `tips purge --compact` while the server holds the database, in one line, and the server goes on', async () => {
    const refused = await runCli(['tips', 'purge', '--compact', '--db', join(dir, 'tips.duckdb')]);
    assert.notEqual(refused.code, 0);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    assert.match(refused.stderr, /is another vigie process using it\?|stop vigie serve first/);
    await page.reload();
    await page.getByTestId('case-title').waitFor();
  });
});
