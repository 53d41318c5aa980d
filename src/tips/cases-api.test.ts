import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MODULES } from '../registry/index.js';
import { createUser } from '../server/auth/users.js';
import { testServer, type TestServer } from '../server/test-server.js';
import { PASSPHRASE, recipientOn, tipsConfig } from '../server/test-tips.js';
import { openStoreSession } from '../store/index.js';
import { totpCode, totpStep } from './crypto/totp.js';
import { openCase } from './cases.js';
import { addReportNote } from './desk.js';
import { receiveReport } from './intake.js';
import { TipsRepository } from './repository.js';

// Re-sharing and the case timeline, through app.inject() on a real DuckDB file. Anna is a
// recipient when three reports arrive (one then marked spam) and a case is opened; Bob becomes
// a recipient afterwards, so nothing is sealed to him until Anna, unlocked, shares it.

describe('tips: re-sharing to a later recipient, and a case\'s timeline', { timeout: 120_000 }, () => {
  let s: TestServer;
  let dir: string;
  let anna: Buffer;
  let bob: Buffer;
  let bobToken: string;
  const ids: string[] = [];
  let caseId: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigie-tips-cases-'));
    const db = join(dir, 'tips.duckdb');
    anna = await recipientOn(db, 'anna');
    const session = await openStoreSession(db, MODULES, {});
    try {
      const repo = new TipsRepository(session.database);
      for (const what of ['A car parked outside the temple every Sunday', 'They asked for the list of our members', 'Buy cheap watches']) {
        ids.push((await receiveReport(repo, 'en', { what, when: 'November', where: 'Vancouver', who: '', contact: '' }, [])).id);
      }
      await repo.setStatus(ids[2]!, 'spam');
      await addReportNote(repo, ids[0]!, 'anna', 'Translation checked with the reporter');
      caseId = await openCase(repo, 'Temple watchers', 'anna');
    } finally {
      await session.close();
    }
    bob = await recipientOn(db, 'bob');
    s = await testServer({ db, config: tipsConfig() });
    bobToken = await createUser(s.app.vigie.store, 'bob', 'analyst');
  });
  after(async () => {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  const as = (who: 'anna' | 'bob') => (who === 'anna' ? s.auth('analyst') : { authorization: `Bearer ${bobToken}` });
  const call = (who: 'anna' | 'bob', method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    s.app.inject({ method, url: `/api/tips${url}`, headers: as(who), ...(payload ? { payload } : {}) });
  // Each unlock uses its own TOTP step (a code works once): the previous step's, then the current one.
  const unlock = async (who: 'anna' | 'bob', step: number) => {
    const res = await call(who, 'POST', '/unlock', { passphrase: PASSPHRASE, totp: totpCode(who === 'anna' ? anna : bob, step) });
    assert.equal(res.statusCode, 200, res.body);
  };

  it('a later recipient reads nothing until a recipient who holds the key shares it; sharing is audited', async () => {
    // Anna, not unlocked yet, cannot share: her key is needed to open the report's.
    const notYet = await call('anna', 'POST', `/reports/${ids[0]}/share`, { recipient: 'bob' });
    assert.equal(notYet.statusCode, 403);
    assert.equal(notYet.json().error.code, 'VIGIE_ERR_TIPS_KEY');
    await unlock('anna', totpStep(Date.now()) - 1);
    await unlock('bob', totpStep(Date.now()) - 1);
    const before = await call('bob', 'GET', `/reports/${ids[0]}`);
    assert.equal(before.statusCode, 403);
    assert.match(before.json().error.message, /arrived before they became a recipient/);
    assert.equal((await call('bob', 'GET', `/cases/${caseId}`)).statusCode, 403);

    // One report.
    const one = await call('anna', 'POST', `/reports/${ids[0]}/share`, { recipient: 'bob' });
    assert.equal(one.statusCode, 201, one.body);
    assert.deepEqual(one.json(), { report: ids[0], recipient: 'bob', shared: true, notes: 1 });
    const read = await call('bob', 'GET', `/reports/${ids[0]}`);
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json().fields.what, 'A car parked outside the temple every Sunday');
    assert.deepEqual(read.json().notes.map((n: { author: string; text: string }) => [n.author, n.text]), [['anna', 'Translation checked with the reporter']]);
    assert.equal((await call('anna', 'POST', `/reports/${ids[0]}/share`, { recipient: 'bob' })).json().shared, false, 'sharing twice changes nothing');
    assert.equal((await call('bob', 'GET', `/reports/${ids[1]}`)).statusCode, 403, 'only the report shared');

    // Refusals: someone who is not a recipient; a report that does not exist.
    assert.equal((await call('anna', 'POST', `/reports/${ids[0]}/share`, { recipient: 'carol' })).statusCode, 404);
    assert.equal((await call('anna', 'POST', '/reports/nope/share', { recipient: 'bob' })).statusCode, 404);
    assert.equal((await call('anna', 'POST', `/reports/${ids[0]}/share`, { recipient: 'bob; drop' })).statusCode, 400);

    // Everything open: the other report and the case, not the spam.
    const all = await call('anna', 'POST', '/share', { recipient: 'bob' });
    assert.equal(all.statusCode, 200, all.body);
    assert.deepEqual(all.json().reports, [ids[1]]);
    assert.deepEqual(all.json().cases, [caseId]);
    assert.equal((await call('bob', 'GET', `/reports/${ids[1]}`)).json().fields.what, 'They asked for the list of our members');
    assert.equal((await call('bob', 'GET', `/reports/${ids[2]}`)).statusCode, 403, 'spam is not shared');
    assert.equal((await call('bob', 'GET', `/cases/${caseId}`)).json().title, 'Temple watchers');

    const audit = await s.app.vigie.reader.query(`SELECT action, detail FROM audit_log WHERE user_name = 'anna' AND action LIKE 'tips.share%' ORDER BY ts`);
    assert.deepEqual(audit.map((a) => a.action), ['tips.share', 'tips.share', 'tips.share_all']);
    assert.match(String(audit[0]!.detail), /"recipient":"bob"/);
  });

  it('a case\'s timeline: report received and added, links, notes opened for the reader, status and owner changes, export, sharing', async () => {
    for (const [method, url, payload] of [
      ['POST', `/cases/${caseId}/reports`, { report_id: ids[0] }],
      ['POST', `/cases/${caseId}/links`, { module: 'web', kind: 'campaign', subject_id: 'camp-7' }],
      ['POST', `/cases/${caseId}/links`, { module: 'finance', kind: 'alert', subject_id: 'alert-42' }],
      ['POST', `/cases/${caseId}/links`, { module: 'influence', kind: 'group', subject_id: 'grp-3' }],
      ['POST', `/cases/${caseId}/notes`, { text: 'Same car seen at the consulate' }],
      ['PATCH', `/cases/${caseId}`, { status: 'monitoring' }],
      ['PATCH', `/cases/${caseId}`, { owner: 'bob' }],
      ['PATCH', `/cases/${caseId}`, { status: 'monitoring' }],
    ] as const) {
      const res = await call('anna', method, url, payload);
      assert.ok(res.statusCode < 300, `${url}: ${res.body}`);
    }
    assert.equal((await call('bob', 'GET', `/cases/${caseId}/export`)).statusCode, 200);
    const c = (await call('bob', 'GET', `/cases/${caseId}`)).json() as { timeline: Array<Record<string, unknown>>; report_rows: Array<{ id: string; lang: string }> };
    const kinds = c.timeline.map((e) => e.kind);
    // The report arrived (to the hour) before the case was opened; the repeated status is one event.
    assert.deepEqual(kinds, ['report_received', 'opened', 'shared', 'report_linked', 'subject_linked', 'subject_linked', 'subject_linked', 'note', 'status', 'owner', 'export']);
    const at = (k: string) => c.timeline.find((e) => e.kind === k)!;
    assert.equal(at('note').text, 'Same car seen at the consulate');
    assert.equal(at('note').actor, 'anna');
    assert.equal(at('report_linked').actor, 'anna');
    assert.equal(at('report_linked').report, ids[0]);
    assert.deepEqual([at('status').status, at('owner').owner, at('export').actor, at('shared').recipient], ['monitoring', 'bob', 'bob', 'bob']);
    assert.deepEqual(c.report_rows.map((r) => [r.id, r.lang]), [[ids[0], 'en']]);
    // The list: counts by module in clear; the title only for a reader whose key is unlocked.
    const list = (await call('anna', 'GET', '/cases')).json().cases as Array<Record<string, unknown>>;
    assert.deepEqual(list.map((x) => [x.id, x.title, x.status, x.owner, x.reports, x.notes, x.links]), [[caseId, 'Temple watchers', 'monitoring', 'bob', 1, 1, { 'web.campaign': 1, 'finance.alert': 1, 'influence.group': 1 }]]);
    assert.equal((await call('anna', 'POST', '/lock', {})).statusCode, 200);
    assert.equal(((await call('anna', 'GET', '/cases')).json().cases[0] as { title: unknown }).title, null);
    // No note's words in the events table: the timeline's details are what the API shows in clear.
    const events = await s.app.vigie.reader.query(`SELECT detail FROM tips_case_events`);
    assert.ok(!JSON.stringify(events).includes('consulate'));
  });
});
