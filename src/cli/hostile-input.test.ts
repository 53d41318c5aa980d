import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDbStore } from '../store/index.js';
import { corpus } from '../testing/corpora.js';
import { runCli, type CliResult } from '../testing/run-cli.js';

// Log text an attacker controls, through the front door: `vigie web analyze`, then the report
// and the blocklist made from what it stored. Real scanner traffic (the Acunetix access log),
// re-addressed and re-labelled the way a hostile client or a dual-stack server would write it.

/** Bidirectional formatting characters and C1 controls: none may reach a terminal, a page or a report. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const RLO = '\u202e';
const RLO_SHOWN = '\\xe2\\x80\\xae';

/** One client written three ways (RFC 5952 says the second), as several servers or one careless one write it. */
const SPELLINGS = ['2A00:1450:0:0:0:0:0:3', '2a00:1450::3', '2a00:1450:0000:0000:0000:0000:0000:0003'];
const CLIENT = '2a00:1450::3';

describe('hostile spellings in logs: addresses, bidirectional text and impossible times', () => {
  let dir = '';
  let db = '';
  let combined = '';
  let analysed: CliResult;
  let summary: {
    parsed: number; malformed: number; clients: number; malformed_samples: Array<{ file: string; line: number; reason: string }>;
    top_clients: Array<{ ip: string; requests: number }>; campaigns: Array<{ reasons: string[] }>;
  };
  const malformedAt = new Map<number, string>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-hostile-'));
    db = join(dir, 'vigie.duckdb');
    const acunetix = readFileSync(corpus('http/scanner-access-logs/acunetix.access.log'), 'utf8').split('\n').filter(Boolean).slice(0, 2000);
    const lines: string[] = [];
    acunetix.forEach((line, i) => {
      // The scanner's user agent, with a right-to-left override: a terminal would show `exe.gnp` as `png.exe`.
      const ua = line.replace(/"[^"]*"$/, `"Mozilla/5.0 (Windows NT 6.1) ${RLO}gnp.exe Chrome/41.0"`);
      lines.push(ua.replace(/^192\.168\.4\.25 /, `${SPELLINGS[i % SPELLINGS.length]} `));
      if (i % 400 === 7) {
        for (const [bad, why] of [
          ['::2%25;id - - [22/Dec/2016:16:30:52 +0300] "GET / HTTP/1.1" 200 1 "-" "x"', 'bad client address `::2%25;id`: zone id `25;id` is not an interface name'],
          ['198.51.100.4 - - [01/Jan/1970:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"', 'bad time `01/Jan/1970:00:00:00 +0000`: the Unix epoch (1970-01-01 00:00:00 UTC), the time of a clock that was never set'],
          ['198.51.100.4 - - [01/Jan/0000:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"', 'bad time `01/Jan/0000:00:00:00 +0000`: before 1990, older than the web: a clock that was not set or a broken field'],
          ['198.51.100.4 - - [29/Feb/2025:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"', 'bad time `29/Feb/2025:00:00:00 +0000`: 2025-02-29 is not a calendar date'],
          [`198.51.100.4 - - [22/Dec/2016${RLO}:16:30:52 +0300] "GET / HTTP/1.1" 200 1 "-" "x"`, `bad time \`22/Dec/2016${RLO_SHOWN}:16:30:52 +0300\`: not a time like \`10/Oct/2000:13:55:36 -0700\``],
        ]) {
          lines.push(bad);
          malformedAt.set(lines.length, why);
        }
      }
    });
    combined = join(dir, 'access.log');
    writeFileSync(combined, lines.join('\n') + '\n');
    // nginx `escape=json` writes non-ASCII as is; other JSON loggers write \uXXXX escapes: both decode to the same text.
    const json = join(dir, 'access.json');
    const jsonLines = Array.from({ length: 120 }, (_, i) => {
      const line = JSON.stringify({
        remote_addr: i % 2 === 0 ? '::ffff:185.220.101.4' : '185.220.101.4', time_iso8601: `2016-12-22T16:${String(10 + (i % 40)).padStart(2, '0')}:00+03:00`,
        request: `GET /files/${RLO}gnp.exe?id=1%27%20OR%20%271%27=%271 HTTP/1.1`, status: 200, http_user_agent: `curl/7.50 ${RLO}\u2066x\u2069\u200f`,
      });
      return i % 3 === 0 ? line.replaceAll(RLO, '\\u202e') : line;
    });
    writeFileSync(json, jsonLines.join('\n') + '\n');
    analysed = await runCli(['web', 'analyze', combined, json, '--db', db, '--json', join(dir, 'summary.json')]);
    assert.equal(analysed.code, 0, analysed.stderr);
    summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('counts one client per address, however it was written, and the IPv4-mapped form as the IPv4 client', () => {
    assert.equal(summary.parsed, 2000 + 120);
    const ips = summary.top_clients.map((c) => c.ip);
    assert.deepEqual(ips.filter((ip) => ip.startsWith('2a00') || ip.startsWith('2A00')), [CLIENT]);
    assert.equal(summary.top_clients.find((c) => c.ip === CLIENT)?.requests, 2000);
    assert.equal(summary.top_clients.find((c) => c.ip === '185.220.101.4')?.requests, 120);
    assert.equal(summary.clients, 2);
    assert.match(analysed.stdout, new RegExp(`^  ${CLIENT.replaceAll('.', '\\.')} +2,000 requests`, 'm'));
  });

  it('makes junk zone ids and impossible times malformed lines with file:line and the reason, and stores no line without a time', async () => {
    assert.equal(summary.malformed, malformedAt.size);
    assert.deepEqual(summary.malformed_samples.map((m) => [m.file, m.line, m.reason]), [...malformedAt].map(([line, why]) => [combined, line, why]));
    for (const [line, why] of [...malformedAt].slice(0, 5)) assert.ok(analysed.stdout.includes(`  ${combined}:${line}  ${why}`), why);
    const store = await DuckDbStore.open(db);
    try {
      const [row] = await store.query('SELECT count(*)::INTEGER AS n, count(ts)::INTEGER AS timed, min(ts)::VARCHAR AS first FROM events');
      assert.deepEqual([row!.n, row!.timed], [2120, 2120]);
      assert.equal(row!.first, '2016-12-22 13:10:00');
    } finally {
      await store.close();
    }
  });

  it('shows bidirectional controls escaped in the terminal summary, as control bytes are', () => {
    assert.doesNotMatch(analysed.stdout, UNSAFE);
    const campaign = summary.campaigns.flatMap((c) => c.reasons).find((r) => r.includes('gnp.exe'));
    assert.ok(campaign, 'the scanner is a campaign named by its user agent');
    assert.ok(campaign.includes(`${RLO_SHOWN}gnp.exe`), campaign);
    assert.ok(analysed.stdout.includes(`${RLO_SHOWN}gnp.exe`), 'the campaign reason in the terminal');
    assert.ok(analysed.stdout.includes(`22/Dec/2016${RLO_SHOWN}:16:30:52`), 'the malformed line reason in the terminal');
  });

  it('writes reports (Markdown, HTML, JSON) with bidirectional controls escaped', async () => {
    for (const format of ['md', 'html', 'json']) {
      const out = join(dir, `report.${format}`);
      const r = await runCli(['report', '--db', db, '--format', format, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      const text = readFileSync(out, 'utf8');
      assert.doesNotMatch(text, UNSAFE, format);
      // Markdown and JSON write the backslash of `\xe2` escaped in turn.
      const shown = format === 'html' ? RLO_SHOWN : RLO_SHOWN.replaceAll('\\', '\\\\');
      assert.ok(text.includes(`/files/${shown}gnp.exe`), `${format}: the attacked path, escaped`);
    }
  });

  it('reads a log from a device whose clock was never set as malformed lines, each with the reason, not as an unknown format', async () => {
    const file = join(dir, 'unset-clock.log');
    const acunetix = readFileSync(corpus('http/scanner-access-logs/acunetix.access.log'), 'utf8').split('\n').filter(Boolean).slice(0, 30);
    writeFileSync(file, acunetix.map((l) => l.replace(/\[[^\]]+\]/, '[01/Jan/1970:00:00:00 +0000]')).join('\n') + '\n');
    const r = await runCli(['web', 'analyze', file, '--db', join(dir, 'unset.duckdb'), '--json', '-', '--quiet', '--no-geo']);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.deepEqual([s.lines, s.parsed, s.malformed, s.files[0].format], [30, 0, 30, 'combined']);
    assert.match(s.malformed_samples[29].reason, /^bad time `01\/Jan\/1970:00:00:00 \+0000`: the Unix epoch/);
  });

  it('keeps a tab inside a field whole (as \\x09) also after a binary line earlier in the same chunk', async () => {
    const file = join(dir, 'tab.log');
    writeFileSync(file, [
      '198.51.100.4 - - [22/Dec/2016:16:30:52 +0300] "GET /\u0007 HTTP/1.1" 200 1 "-" "x"',
      '198.51.100.5 - - [22/Dec/2016:16:30:53 +0300] "GET / HTTP/1.1" 200 1 "-" "Mozilla\t5.0 \u202eexe"',
    ].join('\n') + '\n');
    const tabDb = join(dir, 'tab.duckdb');
    const r = await runCli(['web', 'analyze', file, '--db', tabDb, '--quiet', '--no-geo']);
    assert.equal(r.code, 0, r.stderr);
    const store = await DuckDbStore.open(tabDb);
    try {
      const rows = await store.query('SELECT e.ip, s.value AS ua FROM events e JOIN strings s ON s.id = e.user_agent_id');
      assert.deepEqual(rows, [{ ip: '198.51.100.5', ua: `Mozilla\\x095.0 ${RLO_SHOWN}exe` }]);
    } finally {
      await store.close();
    }
  });

  it('puts each address once on the blocklist, in its canonical form', async () => {
    const r = await runCli(['export', 'blocklist', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const entries = r.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    assert.deepEqual(entries.filter((l) => /2a00/i.test(l)), [CLIENT]);
    assert.deepEqual(entries.filter((l) => l.includes('185.220.101.4')), ['185.220.101.4']);
  });
});
