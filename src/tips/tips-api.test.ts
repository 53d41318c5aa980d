import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testServer, type TestServer } from '../server/test-server.js';
import { challengeOf, multipart, PASSPHRASE, recipientOn, solve, tipsConfig } from '../server/test-tips.js';
import { totpCode, totpStep } from './index.js';

// The reporter's routes and the team's, through app.inject() on a real DuckDB file: submit in
// each language, come back with the receipt, read and reply as a recipient, and the refusals.

const receiptOf = (html: string): string => /id="receipt">([0-9 ]+)</.exec(html)![1]!;

describe('tips: the report form and the team, through the API', { timeout: 120_000 }, () => {
  let s: TestServer;
  let dir: string;
  let totp: Buffer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigie-tips-api-'));
    const db = join(dir, 'tips.duckdb');
    totp = await recipientOn(db, 'anna');
    s = await testServer({ db, config: tipsConfig({ 'tips.submissions_per_hour': 100 }) });
  });
  after(async () => {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function submit(lang: string, fields: Record<string, string>, files: Parameters<typeof multipart>[1] = []): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
    const form = await s.app.inject({ url: `/report?lang=${lang}` });
    const challenge = challengeOf(form.body);
    const { payload, headers } = await multipart({ challenge, pow: solve(challenge), ...fields }, files);
    const res = await s.app.inject({ method: 'POST', url: `/report?lang=${lang}`, payload, headers });
    return { status: res.statusCode, body: res.body, headers: res.headers };
  }

  it('serves the form in the language asked for, else the browser\'s, with a strict CSP, no cookie and no cache', async () => {
    const cases: Array<[string, Record<string, string>, string, string]> = [
      ['/report', { 'accept-language': 'zh-TW,zh;q=0.9,en;q=0.5' }, 'zh-Hant', '舉報恐嚇'],
      ['/report', { 'accept-language': 'zh-CN,zh;q=0.9' }, 'zh-Hans', '举报恐吓'],
      ['/report', { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.8' }, 'fr', 'Signaler de l’intimidation'],
      ['/report', { 'accept-language': 'de-DE' }, 'en', 'Report intimidation'],
      ['/report?lang=zh-Hant', { 'accept-language': 'fr' }, 'zh-Hant', '舉報恐嚇'],
      ['/report?lang=FR', {}, 'fr', 'Signaler'],
    ];
    for (const [url, headers, lang, words] of cases) {
      const res = await s.app.inject({ url, headers });
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, new RegExp(`<html lang="${lang}">`), `${url} ${JSON.stringify(headers)}`);
      assert.ok(res.body.includes(words), `${url}: ${words}`);
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.equal(res.headers['set-cookie'], undefined);
      assert.ok(!/<script>|style=|https?:\/\//.test(res.body.replace(/<html[^>]*>/, '')), 'no inline script or style, nothing from another origin');
    }
  });

  it('takes a report in each language, shows a 25-digit receipt once, and the recipient reads it after unlocking', async () => {
    const words: Record<string, string> = { en: 'A man from the consulate followed me', fr: 'Un homme du consulat m’a suivi', 'zh-Hans': '领事馆的人跟踪我', 'zh-Hant': '領事館的人跟蹤我' };
    const receipts: string[] = [];
    for (const [lang, what] of Object.entries(words)) {
      const res = await submit(lang, { what, when: '2026-11-03', where: 'Markham', who: '', contact: '' });
      assert.equal(res.status, 201, res.body);
      const receipt = receiptOf(res.body);
      assert.match(receipt, /^\d{5} \d{5} \d{5} \d{5} \d{5}$/);
      assert.equal(res.headers['set-cookie'], undefined);
      receipts.push(receipt);
    }
    assert.equal(new Set(receipts).size, 4);
    const inbox = (await s.app.inject({ url: '/api/tips/reports', headers: s.auth('analyst') })).json().reports as Array<{ id: string; lang: string; status: string }>;
    assert.deepEqual(inbox.map((r) => r.lang).sort(), ['en', 'fr', 'zh-Hans', 'zh-Hant']);
    assert.ok(!JSON.stringify(inbox).includes('consulat'), 'the inbox shows no content');

    const locked = await s.app.inject({ url: `/api/tips/reports/${inbox[0]!.id}`, headers: s.auth('analyst') });
    assert.equal(locked.statusCode, 403);
    assert.equal(locked.json().error.code, 'VIGIE_ERR_TIPS_KEY');
    const wrong = await s.app.inject({ method: 'POST', url: '/api/tips/unlock', headers: s.auth('analyst'), payload: { passphrase: 'not the passphrase', totp: totpCode(totp, totpStep(Date.now())) } });
    assert.equal(wrong.statusCode, 403);
    const unlock = await s.app.inject({ method: 'POST', url: '/api/tips/unlock', headers: s.auth('analyst'), payload: { passphrase: PASSPHRASE, totp: totpCode(totp, totpStep(Date.now())) } });
    assert.equal(unlock.statusCode, 200, unlock.body);
    const zh = inbox.find((r) => r.lang === 'zh-Hant')!;
    const read = await s.app.inject({ url: `/api/tips/reports/${zh.id}`, headers: s.auth('analyst') });
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json().fields.what, '領事館的人跟蹤我');
    assert.equal(read.json().fields.where, 'Markham');

    // An admin who is not a recipient has no key, so reads nothing.
    const admin = await s.app.inject({ url: `/api/tips/reports/${zh.id}`, headers: s.auth('admin') });
    assert.equal(admin.statusCode, 403);
    // A viewer does not even see the inbox.
    assert.equal((await s.app.inject({ url: '/api/tips/reports', headers: s.auth('viewer') })).statusCode, 403);

    // The team asks; the reporter comes back with the receipt (typed with spaces or full-width digits), reads and answers.
    const asked = await s.app.inject({ method: 'POST', url: `/api/tips/reports/${zh.id}/messages`, headers: s.auth('analyst'), payload: { text: '請問對方有沒有留下名片？' } });
    assert.equal(asked.statusCode, 201);
    const receipt = receipts[3]!;
    const typed = receipt.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const back = await s.app.inject({ method: 'POST', url: '/report/follow-up?lang=zh-Hant', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ receipt: typed }).toString() });
    assert.equal(back.statusCode, 200, back.body);
    assert.ok(back.body.includes('請問對方有沒有留下名片？'));
    assert.ok(back.body.includes('處理小組'));
    const session = /name="session" value="([^"]+)"/.exec(back.body)![1]!;
    const answer = await s.app.inject({ method: 'POST', url: '/report/answer?lang=zh-Hant', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ session, text: '有，名片上寫著「聯誼會」。' }).toString() });
    assert.equal(answer.statusCode, 200);
    assert.ok(answer.body.includes('您的訊息已傳送。'));
    // A translation note for the team: the recipient reads it, the reporter never sees it.
    assert.equal((await s.app.inject({ method: 'POST', url: `/api/tips/reports/${zh.id}/notes`, headers: s.auth('analyst'), payload: { text: 'Translation: "Yes, the card says Friendship Association."' } })).statusCode, 201);
    const back2 = await s.app.inject({ method: 'POST', url: '/report/follow-up?lang=zh-Hant', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ receipt }).toString() });
    assert.ok(!back2.body.includes('Translation'), 'the reporter does not see the team\'s notes');
    const again = await s.app.inject({ url: `/api/tips/reports/${zh.id}`, headers: s.auth('analyst') });
    assert.equal(again.json().notes[0].text, 'Translation: "Yes, the card says Friendship Association."');
    assert.deepEqual(again.json().messages.map((m: { from: string; text: string }) => [m.from, m.text]), [['team', '請問對方有沒有留下名片？'], ['reporter', '有，名片上寫著「聯誼會」。']]);

    // Cases: open, add the report, link a web campaign, a note; the export leaves the reporter out.
    const c = (await s.app.inject({ method: 'POST', url: '/api/tips/cases', headers: s.auth('analyst'), payload: { title: 'Markham consulate visits' } })).json().id as string;
    assert.equal((await s.app.inject({ method: 'POST', url: `/api/tips/cases/${c}/reports`, headers: s.auth('analyst'), payload: { report_id: zh.id } })).statusCode, 201);
    assert.equal((await s.app.inject({ method: 'POST', url: `/api/tips/cases/${c}/links`, headers: s.auth('analyst'), payload: { module: 'web', kind: 'campaign', subject_id: 'camp-1' } })).statusCode, 201);
    assert.equal((await s.app.inject({ method: 'POST', url: `/api/tips/cases/${c}/links`, headers: s.auth('analyst'), payload: { module: 'web', kind: 'alert', subject_id: 'x' } })).statusCode, 400);
    assert.equal((await s.app.inject({ method: 'POST', url: `/api/tips/cases/${c}/notes`, headers: s.auth('analyst'), payload: { text: 'Same card as in the March report' } })).statusCode, 201);
    const read2 = (await s.app.inject({ url: `/api/tips/cases/${c}`, headers: s.auth('analyst') })).json();
    assert.equal(read2.title, 'Markham consulate visits');
    assert.deepEqual(read2.reports, [zh.id]);
    assert.equal(read2.notes[0].text, 'Same card as in the March report');
    const exported = await s.app.inject({ url: `/api/tips/cases/${c}/export`, headers: s.auth('analyst') });
    assert.equal(exported.statusCode, 200);
    assert.equal(exported.json().reports[0].what, '領事館的人跟蹤我');
    assert.ok(!('contact' in exported.json().reports[0]) && !('who' in exported.json().reports[0]));
    const audit = await s.app.vigie.reader.query(`SELECT action FROM audit_log WHERE user_name = 'anna' AND action LIKE 'tips.%' ORDER BY ts`);
    for (const action of ['tips.unlock', 'tips.read', 'tips.reply', 'tips.case_export']) assert.ok(audit.some((a) => a.action === action), action);
  });

  it('answers a wrong and an unknown receipt the same way, and limits them', async () => {
    const ask = (receipt: string, ip: string) => s.app.inject({ method: 'POST', url: '/report/follow-up?lang=en', remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `receipt=${receipt}` });
    const unknown = await ask('1234512345123451234512345', '203.0.113.7');
    const malformed = await ask('12345', '203.0.113.7');
    assert.equal(unknown.statusCode, 403);
    assert.equal(malformed.statusCode, 403);
    assert.equal(unknown.body, malformed.body);
    let last = 0;
    for (let i = 0; i < 10; i++) last = (await ask('9999999999999999999999999', '203.0.113.7')).statusCode;
    assert.equal(last, 429);
    // Another client is not held back by the first one's failures.
    assert.equal((await ask('9999999999999999999999999', '198.51.100.9')).statusCode, 403);
  });

  it('refuses bad forms with a clear page in the reporter\'s language and stores nothing', async () => {
    const before = (await s.app.inject({ url: '/api/tips/reports', headers: s.auth('analyst') })).json().reports.length;
    const form = await s.app.inject({ url: '/report?lang=fr' });
    const challenge = challengeOf(form.body);
    const post = (payload: Buffer | string, type: string) => s.app.inject({ method: 'POST', url: '/report?lang=fr', payload, headers: { 'content-type': type } });
    // No proof of work and a fresh challenge: the no-JS queue waits, then takes it; a forged challenge is refused.
    const forged = await multipart({ challenge: challenge.replace(/.$/, (c) => (c === '0' ? '1' : '0')), pow: '1', what: 'x' });
    assert.match((await post(forged.payload, forged.headers['content-type']!)).body, /Le formulaire n’a pas pu être vérifié/);
    const exe = await multipart({ challenge, pow: solve(challenge), what: 'x' }, [{ name: 'a.exe', type: 'image/jpeg', bytes: Buffer.from('MZ\x90\x00\x03\x00\x00\x00binary\x00\x01', 'latin1') }]);
    const refused = await post(exe.payload, exe.headers['content-type']!);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Un fichier est d’un type que nous ne pouvons pas accepter/);
    const huge = await multipart({ challenge, pow: solve(challenge), what: 'x' }, [{ name: 'big.txt', type: 'text/plain', bytes: Buffer.alloc(11 * 1024 * 1024, 0x61) }]);
    const tooBig = await post(huge.payload, huge.headers['content-type']!);
    assert.equal(tooBig.statusCode, 413);
    assert.match(tooBig.body, /trop gros/);
    const longText = await multipart({ challenge, pow: solve(challenge), what: 'é'.repeat(20_001) });
    assert.equal((await post(longText.payload, longText.headers['content-type']!)).statusCode, 413);
    const badUtf8 = Buffer.concat([Buffer.from(`--b\r\nContent-Disposition: form-data; name="what"\r\n\r\n`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\r\n--b--\r\n')]);
    const enc = await post(badUtf8, 'multipart/form-data; boundary=b');
    assert.equal(enc.statusCode, 400);
    assert.match(enc.body, /pas du texte valide/);
    const nested = Buffer.from(`--b\r\nContent-Disposition: form-data; name="files"; filename="x"\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\nContent-Type: text/plain\r\n\r\nhi\r\n--c--\r\n--b--\r\n`);
    assert.equal((await post(nested, 'multipart/form-data; boundary=b')).statusCode, 400);
    const broken = await post('--b\r\nContent-Disposition: form-data; name="what"\r\n\r\nunterminated', 'multipart/form-data; boundary=b');
    assert.ok([400, 413].includes(broken.statusCode), String(broken.statusCode));
    assert.equal((await post('{"what":"x"}', 'application/json')).statusCode, 415);
    assert.equal((await post(Buffer.from([0, 1, 2, 3, 255]), 'application/octet-stream')).statusCode, 415);
    const unknownField = await multipart({ challenge, pow: solve(challenge), what: 'x', ip: '1.2.3.4' });
    assert.equal((await post(unknownField.payload, unknownField.headers['content-type']!)).statusCode, 400);
    const after = (await s.app.inject({ url: '/api/tips/reports', headers: s.auth('analyst') })).json().reports.length;
    assert.equal(after, before, 'nothing stored');
  });

  it('puts the security headers on every page of the form: receipt, follow-up, errors, files', async () => {
    const pages = [
      await s.app.inject({ url: '/report/follow-up?lang=zh-Hans' }),
      await s.app.inject({ url: '/report/report.css' }),
      await s.app.inject({ url: '/report/pow.js' }),
      await s.app.inject({ method: 'POST', url: '/report/follow-up', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'receipt=1' }),
      await s.app.inject({ method: 'POST', url: '/report/answer', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'session=nope&text=hi' }),
      await s.app.inject({ method: 'POST', url: '/report', headers: { 'content-type': 'application/json' }, payload: '{}' }),
      await s.app.inject({ url: '/report/nope' }),
    ];
    for (const res of pages) {
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/, `${res.statusCode} ${res.body.slice(0, 80)}`);
      for (const [h, v] of [['x-content-type-options', 'nosniff'], ['x-frame-options', 'DENY'], ['referrer-policy', 'no-referrer'], ['cache-control', 'no-store']]) assert.equal(res.headers[h!], v, `${h} on ${res.statusCode}`);
      assert.equal(res.headers['set-cookie'], undefined);
    }
    assert.equal(pages[4]!.statusCode, 403);
    assert.match(pages[4]!.body, /This page has expired/);
  });

  it('takes a form without proof of work once its challenge is old enough (the no-JS queue), and each challenge once', async () => {
    const form = await s.app.inject({ url: '/report?lang=en' });
    const challenge = challengeOf(form.body);
    const { payload, headers } = await multipart({ challenge, pow: '', what: 'Sent without JavaScript' });
    const t0 = Date.now();
    const res = await s.app.inject({ method: 'POST', url: '/report?lang=en', payload, headers });
    assert.equal(res.statusCode, 201, res.body);
    assert.ok(Date.now() - t0 >= 500, 'held until the challenge was a second old');
    const replay = await s.app.inject({ method: 'POST', url: '/report?lang=en', payload, headers });
    assert.equal(replay.statusCode, 400);
  });
});
