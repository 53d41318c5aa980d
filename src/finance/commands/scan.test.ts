import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { runCli } from '../../testing/run-cli.js';
import { corpus } from '../../testing/corpora.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-finance-scan-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const BLOC = corpus('finance/elections-canada/party-contributions-2004-2013-as-submitted/Bloc');

test('finance scan on the real Bloc Québécois 2004–2013 lists: the documented JSON contract, rows that exist, EN and FR', async () => {
  const db = join(dir, 'bloc.duckdb');
  const files = readdirSync(BLOC).map((f) => join(BLOC, f));
  const imp = await runCli(['finance', 'import', ...files, '--db', db, '--quiet']);
  assert.equal(imp.code, 0, imp.stderr);
  const out = join(dir, 'scan.json');
  const r = await runCli(['finance', 'scan', '--db', db, '--json', out, '--top', '5']);
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(Object.keys(res), ['recipients', 'alerts', 'counts']);
  assert.ok(res.alerts.length > 0);
  for (const rec of res.recipients) {
    assert.deepEqual(Object.keys(rec), ['recipient_id', 'recipient', 'political_entity', 'party', 'electoral_district', 'score', 'reasons', 'reasons_fr']);
  }
  for (let i = 1; i < res.recipients.length; i++) assert.ok(res.recipients[i - 1].score >= res.recipients[i].score);
  // The terminal summary leads with the top recipient.
  assert.ok(r.stdout.split('\n')[1]!.includes(res.recipients[0].recipient));
  const a = res.alerts[0];
  assert.deepEqual(Object.keys(a), ['id', 'type', 'score', 'recipient_ids', 'rows', 'entities', 'amount', 'first', 'last', 'sections', 'reasons', 'reasons_fr']);
  // Each cited row is that line of that file (no header in these files: row N is line N), same donor.
  const byFile = new Map<string, string[]>();
  for (const alert of res.alerts.slice(0, 20)) for (const { file, row } of alert.rows) {
    if (!byFile.has(file)) byFile.set(file, readFileSync(join(BLOC, file), 'utf8').split('\n'));
    const line = byFile.get(file)![row - 1]!;
    assert.ok(line !== undefined && line.includes(/\.(\d{4})\.csv$/.exec(file)![1]!), `${file}:${row}`);
  }
  const breach = res.alerts.find((x: any) => x.type === 'limit_breach');
  assert.ok(breach.sections.includes('s.367(1)'));
  assert.match(breach.reasons[0], /over the limit/);
  assert.match(breach.reasons_fr[0], /plafond/);
  // vigie report carries a finance section in French, from the stored scan.
  const md = join(dir, 'r.md');
  const rep = await runCli(['report', '--from', '2004-01-01', '--to', '2013-12-31', '--lang', 'fr', '--format', 'md', '--db', db, '--out', md]);
  assert.equal(rep.code, 0, rep.stderr);
  const text = readFileSync(md, 'utf8');
  assert.match(text, /## Financement politique/);
  assert.match(text, /Bénéficiaires à examiner|Bénéficiaire/);
  // --year keeps alerts touching that year only.
  const y = join(dir, 'y.json');
  assert.equal((await runCli(['finance', 'scan', '--db', db, '--year', '2005', '--json', y])).code, 0);
  for (const x of JSON.parse(readFileSync(y, 'utf8')).alerts) assert.ok(x.first <= '2005-12-31' && x.last >= '2005-01-01');
});

test('finance scan on a missing database is one line and exit 3; --json is required', async () => {
  const r = await runCli(['finance', 'scan', '--db', join(dir, 'none.duckdb'), '--json', join(dir, 'x.json')]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /no such database/);
  const u = await runCli(['finance', 'scan', '--db', join(dir, 'none.duckdb')]);
  assert.equal(u.code, 2);
});
