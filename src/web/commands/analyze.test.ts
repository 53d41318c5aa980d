import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import { DuckDbStore } from '../../store/index.js';
import { corpus } from '../../testing/corpora.js';
import { runCli } from '../../testing/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-analyze-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const SCANNER_LOGS = ['acunetix', 'netsparker', 'w3af'].map((s) => corpus(`http/scanner-access-logs/${s}.access.log`));

async function countEvents(db: string, where = 'true'): Promise<number> {
  const store = await DuckDbStore.open(db);
  try {
    const [row] = await store.query(`SELECT count(*)::INTEGER AS n FROM events WHERE ${where}`);
    return Number(row!.n);
  } finally {
    await store.close();
  }
}

test('the scanner access logs parse completely and the summary JSON has every field', async () => {
  const db = join(dir, 'scanner.duckdb');
  const out = join(dir, 'scanner.json');
  const r = await runCli(['web', 'analyze', ...SCANNER_LOGS, '--db', db, '--json', out]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(s.lines, 17_849);
  assert.equal(s.parsed, 17_849);
  assert.equal(s.malformed, 0);
  assert.deepEqual(s.malformed_samples, []);
  for (const key of ['requests_flagged', 'clients_flagged', 'findings_by_class', 'top_clients', 'duration_secs', 'lines_per_sec']) {
    assert.ok(key in s, `summary lacks ${key}`);
  }
  assert.deepEqual(s.files.map((f: { lines: number; format: string }) => [f.lines, f.format]), [[6539, 'combined'], [7314, 'combined'], [3996, 'combined']]);
  assert.ok(s.requests_flagged > 0, 'scanner traffic should raise findings');
  assert.ok(s.top_clients.some((c: { ip: string }) => c.ip === '192.168.4.25'));
  assert.equal(await countEvents(db), 17_849);
  assert.match(r.stdout, /Analysed 17,849 lines from 3 files/);
});

test('garbage, binary, invalid UTF-8 and overlong lines are counted with file:line; the rest is stored', async () => {
  const good = readFileSync(SCANNER_LOGS[2]!, 'utf8').split('\n').filter(Boolean).slice(0, 400);
  const bad: Array<[Buffer, string]> = [
    [Buffer.from('this is not an access log line'), ''],
    [Buffer.from([0x00, 0x01, 0x02, 0xff, 0x10, 0x41]), ''],
    [Buffer.concat([Buffer.from('192.168.4.163 - - [22/Dec/2016:22:32:31 +0300] "GET /caf'), Buffer.from([0xc3, 0x28]), Buffer.from('" 200 1 "-" "x"')]), 'invalid UTF-8'],
    [Buffer.from(good[0]!.replace('GET /', 'GET /' + 'A'.repeat(70_000))), 'over 64 KiB'],
    [Buffer.from(good[1]!.replace('GET', 'GET\u0007')), 'binary'],
    [Buffer.from('192.168.4.163 - - [99/Zzz/2016:99:99:99 +0300] "GET / HTTP/1.1" 200 1 "-" "-"'), ''],
  ];
  const lines: Buffer[] = [];
  const badLineNumbers: number[] = [];
  good.forEach((l, i) => {
    lines.push(Buffer.from(l));
    if (i % 60 === 30) {
      for (const [b] of bad) {
        lines.push(b);
        badLineNumbers.push(lines.length);
      }
    }
  });
  const file = join(dir, 'messy.log');
  writeFileSync(file, Buffer.concat(lines.flatMap((b) => [b, Buffer.from('\n')])));
  const out = join(dir, 'messy.json');
  const db = join(dir, 'messy.duckdb');
  const r = await runCli(['web', 'analyze', file, '--db', db, '--json', out, '--format', 'combined']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(s.lines, good.length + badLineNumbers.length);
  assert.equal(s.parsed, good.length);
  assert.equal(s.malformed, badLineNumbers.length);
  assert.deepEqual(s.malformed_samples.map((m: { line: number }) => m.line), badLineNumbers);
  for (const m of s.malformed_samples) assert.equal(m.file, file);
  for (const [i, [, reason]] of bad.entries()) {
    if (reason) assert.match(s.malformed_samples[i].reason, new RegExp(reason));
  }
  assert.equal(await countEvents(db), good.length);
  assert.match(r.stdout, new RegExp(`messy\\.log:${badLineNumbers[0]}`));
  // Every stage says what it received, emitted and dropped: the malformed lines are the
  // ingest's drops, the stored events what it emitted and what behaviour and clients received.
  const stages = s.stages as Record<string, { received: number; emitted: number; dropped: number; errors: number; seconds: number }>;
  assert.deepEqual(Object.keys(stages), ['ingest', 'detect', 'site', 'behaviour', 'clients', 'distributed', 'origins', 'campaigns']);
  assert.deepEqual([stages.ingest!.received, stages.ingest!.emitted, stages.ingest!.dropped, stages.ingest!.errors], [s.lines, s.parsed, s.malformed + s.skipped, 0]);
  assert.equal(stages.detect!.received, s.parsed);
  assert.equal(stages.behaviour!.emitted, s.client_findings);
  assert.equal(stages.clients!.emitted, s.clients);
  assert.equal(stages.distributed!.emitted, s.site_findings.length);
  assert.equal(stages.origins!.emitted, s.geo_data.clients_attributed);
  assert.equal(stages.campaigns!.emitted, s.campaigns.length);
  for (const c of Object.values(stages)) assert.ok(c.seconds >= 0);
});

test('gzip, stdin and glob inputs read the same lines', async () => {
  const source = readFileSync(SCANNER_LOGS[2]!);
  writeFileSync(join(dir, 'part-a.log.gz'), gzipSync(source));
  copyFileSync(SCANNER_LOGS[2]!, join(dir, 'part-b.log'));
  const out = join(dir, 'glob.json');
  const r = await runCli(['web', 'analyze', join(dir, 'part-*'), '--db', join(dir, 'glob.duckdb'), '--json', out]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(s.files.length, 2);
  assert.equal(s.parsed, 2 * 3996);
  const stdin = await runCli(['web', 'analyze', '-', '--db', join(dir, 'stdin.duckdb'), '--json', '-', '--quiet'], { stdin: source });
  assert.equal(stdin.code, 0, stdin.stderr);
  assert.equal(JSON.parse(stdin.stdout).parsed, 3996);
});

test('analysing a file again stores nothing twice; --reprocess replaces it', async () => {
  const db = join(dir, 'again.duckdb');
  const file = join(dir, 'again.log');
  copyFileSync(SCANNER_LOGS[2]!, file);
  assert.equal((await runCli(['web', 'analyze', file, '--db', db, '--quiet'])).code, 0);
  const second = await runCli(['web', 'analyze', file, '--db', db, '--json', '-', '--quiet']);
  assert.equal(JSON.parse(second.stdout).lines, 0);
  assert.equal(await countEvents(db), 3996);
  const third = await runCli(['web', 'analyze', file, '--db', db, '--json', '-', '--quiet', '--reprocess']);
  assert.equal(JSON.parse(third.stdout).parsed, 3996);
  assert.equal(await countEvents(db), 3996);
});

test('a log renamed by rotation is the file analysed before: access.log* the next day stores each line once', async () => {
  const db = join(dir, 'rotated.duckdb');
  const log = join(dir, 'site.log');
  const lines = readFileSync(SCANNER_LOGS[2]!, 'utf8').split('\n').filter(Boolean);
  writeFileSync(log, lines.slice(0, 300).join('\n') + '\n');
  assert.equal((await runCli(['web', 'analyze', log, '--db', db, '--quiet'])).code, 0);
  // logrotate: the server wrote 50 more lines before the rename, then starts a new file.
  appendFileSync(log, lines.slice(300, 350).join('\n') + '\n');
  renameSync(log, `${log}.1`);
  writeFileSync(log, lines.slice(350, 450).join('\n') + '\n');
  const next = await runCli(['web', 'analyze', `${log}*`, '--db', db, '--json', '-', '--quiet']);
  assert.equal(next.code, 0, next.stderr);
  const summary = JSON.parse(next.stdout);
  assert.deepEqual(summary.files.map((f: { file: string; lines: number; resumed_at_line: number }) => [f.file, f.lines, f.resumed_at_line]),
    [[log, 100, 0], [`${log}.1`, 50, 300]]);
  assert.equal(await countEvents(db), 450, 'no line of the renamed file stored twice');
  const store = await DuckDbStore.open(db);
  try {
    const paths = await store.query('SELECT path FROM sources ORDER BY source_id');
    assert.deepEqual(paths.map((r) => r.path), [`${log}.1`, log], 'the source follows its file to its new name');
  } finally {
    await store.close();
  }
});

test('X-Forwarded-For decides the client only with --trust-proxy, and ::ffff: addresses are unwrapped', async () => {
  const file = join(dir, 'proxied.log');
  writeFileSync(file, [
    '10.0.0.5 - - [24/Nov/2026:10:00:00 +0000] "GET /en/ HTTP/1.1" 200 512 "-" "Mozilla/5.0" "198.51.100.7, 203.0.113.9"',
    '::ffff:10.0.0.5 - - [24/Nov/2026:10:00:01 +0000] "GET /fr/ HTTP/1.1" 200 512 "-" "Mozilla/5.0" "203.0.113.10"',
  ].join('\n') + '\n');
  const ips = async (args: string[]): Promise<string[]> => {
    const db = join(dir, `proxied-${args.length}.duckdb`);
    const r = await runCli(['web', 'analyze', file, '--db', db, '--quiet', ...args]);
    assert.equal(r.code, 0, r.stderr);
    const store = await DuckDbStore.open(db);
    try {
      return (await store.query(`SELECT ip FROM events ORDER BY line`)).map((row) => String(row.ip));
    } finally {
      await store.close();
    }
  };
  // Without the flag the header is the client's word: ignored.
  assert.deepEqual(await ips([]), ['10.0.0.5', '10.0.0.5']);
  // Trusting one proxy: the address that proxy appended (the rightmost), never the leftmost.
  assert.deepEqual(await ips(['--trust-proxy']), ['203.0.113.9', '203.0.113.10']);
});

test('unusable input is one clear error line and a non-zero exit', async () => {
  const missing = await runCli(['web', 'analyze', join(dir, 'nope.log'), '--db', join(dir, 'x.duckdb')]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /^vigie: .*nope\.log: no such file; check the path\n$/);
  const badFlag = await runCli(['web', 'analyze', '--format', 'syslog', SCANNER_LOGS[0]!]);
  assert.equal(badFlag.code, 2);
  assert.equal(badFlag.stderr.trim().split('\n').length, 1);
  writeFileSync(join(dir, 'prose.txt'), 'Dear committee,\nthis is a letter, not a log.\n');
  const prose = await runCli(['web', 'analyze', join(dir, 'prose.txt'), '--db', join(dir, 'p.duckdb'), '--quiet']);
  assert.notEqual(prose.code, 0);
  assert.match(prose.stderr, /prose\.txt: cannot tell the log format/);
});
