import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DuckDbStore } from '../../store/index.js';
import { corpus } from '../../testing/corpora.js';
import { runCli } from '../../testing/run-cli.js';

// Real scanner runs (Acunetix, Netsparker, w3af against DVWA/Joomla; see the corpus's
// SOURCE.md), analysed through the front door. A session is one scanner from one address in
// one file; the w3af file also holds a person browsing with Firefox, who must not be caught.
const FILES = ['acunetix.access.log', 'netsparker.access.log', 'w3af.access.log'].map((f) => corpus(`http/scanner-access-logs/${f}`));
const SESSIONS = [
  { file: FILES[0]!, ip: '192.168.4.25' },
  { file: FILES[1]!, ip: '192.168.4.164' },
  { file: FILES[2]!, ip: '192.168.4.163' },
  { file: FILES[2]!, ip: '192.168.1.20' },
];
let dir: string;
let findings: Array<{ ip: string; rule: string; class: string; file: string; reason: string; evidence: Array<{ file: string; line: number }> }>;
let summary: { client_findings: number; findings_by_class: Record<string, number> };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-scanners-'));
  const db = join(dir, 'scan.duckdb');
  const result = await runCli(['web', 'analyze', ...FILES, '--db', db, '--json', join(dir, 'summary.json'), '--no-geo', '--quiet']);
  assert.equal(result.code, 0, result.stderr);
  summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  const store = await DuckDbStore.open(db);
  const rows = await store.query(`SELECT f.ip, f.rule, f.class, f.reason, f.evidence, s.path AS file FROM findings f JOIN sources s USING (source_id) WHERE f.scope = 'client'`);
  await store.close();
  findings = rows.map((r) => ({ ip: String(r.ip), rule: String(r.rule), class: String(r.class), file: String(r.file), reason: String(r.reason), evidence: JSON.parse(String(r.evidence)) }));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('every scanner session of scanner-access-logs is found as a client-level finding', () => {
  const missed = SESSIONS.filter((s) => !findings.some((f) => f.ip === s.ip && f.file === s.file));
  assert.deepEqual(missed, []);
});

test('the person browsing DVWA in the w3af log gets no client finding', () => {
  // The same address ran Acunetix hours earlier (acunetix.access.log); only the w3af file's lines count here.
  const human = findings.filter((f) => f.ip === '192.168.4.25' && f.evidence.some((e) => e.file === FILES[2]));
  assert.deepEqual(human.map((f) => f.reason), []);
});

test('the summary counts client findings and their classes', () => {
  assert.equal(summary.client_findings, findings.length);
  assert.ok((summary.findings_by_class.scanning ?? 0) >= 3, JSON.stringify(summary.findings_by_class));
  // Each finding's evidence points at lines of the scanner's own file.
  for (const f of findings) assert.ok(f.evidence.length > 0 && f.evidence.length <= 20, `${f.rule} ${f.ip}: ${f.evidence.length} evidence lines`);
});
