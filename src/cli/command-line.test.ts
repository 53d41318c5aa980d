import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, openSync, readdirSync, readSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { corpus } from '../testing/corpora.js';
import { runCli, startCli } from '../testing/run-cli.js';

// The command line as a new user meets it (issue 17): help on every noun, one line for a wrong
// option, quiet closed pipes, clear answers for the wrong format, a binary or a missing file.

const W3AF = 'http/scanner-access-logs/w3af.access.log';

/** Start `vigie ARGS`, read `bytes` of its output, then close the pipe as `| head -c` does. */
async function closedAfter(args: readonly string[], bytes: number): Promise<{ code: number | null; stderr: string; got: string }> {
  const child = startCli(args);
  child.stdin!.end();
  let got = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => {
    got += d.toString();
    if (got.length >= bytes) child.stdout!.destroy();
  });
  const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
  return { code, stderr, got };
}

describe('the command line', () => {
  let dir = '';
  let db = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-cli-'));
    db = join(dir, 'vigie.duckdb');
    const r = await runCli(['web', 'analyze', corpus(W3AF), '--db', db, '--quiet', '--no-geo']);
    assert.equal(r.code, 0, r.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has --help on every noun: its verbs, exit 0; the noun alone lists them too, exit 2', async () => {
    const nouns: Record<string, string[]> = { export: ['stix', 'csv', 'blocklist'], web: ['analyze', 'scan', 'learn'], geo: ['lookup', 'update'], user: ['add'], config: ['show'] };
    for (const [noun, verbs] of Object.entries(nouns)) {
      const r = await runCli([noun, '--help']);
      assert.equal(r.code, 0, `${noun} --help: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^Usage: vigie ${noun} <verb>`));
      for (const verb of verbs) assert.match(r.stdout, new RegExp(`^  ${verb} +\\S`, 'm'), `${noun} --help lists ${verb}`);
    }
    const alone = await runCli(['export']);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /^Usage: vigie export <verb>/);
    const helpWord = await runCli(['help', 'export', 'stix']);
    assert.equal(helpWord.code, 0);
    assert.match(helpWord.stdout, /^Usage: vigie export stix\|csv\|blocklist/);
  });

  it('answers an unknown option with one line naming the command, exit 2', async () => {
    for (const command of [['demo'], ['report'], ['serve'], ['export', 'stix'], ['user', 'add', 'x'], ['web', 'analyze'], ['geo', 'lookup'], ['config', 'show']]) {
      const r = await runCli([...command, '--bogus']);
      assert.equal(r.code, 2, command.join(' '));
      assert.equal(r.stderr, `vigie: ${command.filter((w) => w !== 'x').join(' ')}: Unknown option '--bogus'; see vigie ${command.filter((w) => w !== 'x').join(' ')} --help\n`);
      assert.equal(r.stdout, '');
    }
  });

  it('ends quietly when the reader closes the pipe (| head -2, | head -c 100)', async () => {
    const analyze = await closedAfter(['web', 'analyze', corpus(W3AF), '--db', db, '--reprocess', '--no-geo'], 1);
    assert.equal(analyze.code, 0, analyze.stderr);
    assert.doesNotMatch(analyze.stderr, /EPIPE|at |internal error/);
    const stix = await closedAfter(['export', 'stix', '--db', db], 100);
    assert.ok(stix.got.startsWith('{'));
    assert.equal(stix.code, 0, stix.stderr);
    assert.equal(stix.stderr, '');
  });

  it('says which format the lines look like when most fail the chosen --format, exit 4', async () => {
    const log = join(dir, 'combined.log');
    writeFileSync(log, readFileSync(corpus(W3AF), 'utf8').split('\n').slice(0, 17).join('\n') + '\n');
    const r = await runCli(['web', 'analyze', log, '--format', 'w3c', '--db', join(dir, 'w3c.duckdb'), '--no-geo']);
    assert.equal(r.code, 4);
    assert.match(r.stderr, /combined\.log: 17 of 17 lines are not w3c lines; they look like combined: run again with --format combined/);
    const right = await runCli(['web', 'analyze', log, '--format', 'combined', '--db', join(dir, 'w3c.duckdb'), '--no-geo', '--reprocess', '--quiet']);
    assert.equal(right.code, 0, right.stderr);
  });

  it('gives only the error line for a binary file, and creates no database', async () => {
    const binary = join(dir, 'node.bin');
    const buf = Buffer.alloc(64 * 1024);
    const fd = openSync(process.execPath, 'r');
    readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    writeFileSync(binary, buf);
    const fresh = join(dir, 'binary.duckdb');
    const r = await runCli(['web', 'analyze', binary, '--db', fresh]);
    assert.equal(r.code, 4);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `vigie: ${binary}: cannot tell the log format from its first lines; pass --format (combined, common, json, w3c, alb, cloudfront)\n`);
    assert.equal(existsSync(fresh), false);
    // Into an existing database: no run is recorded and no summary printed either.
    const again = await runCli(['web', 'analyze', binary, '--db', db]);
    assert.equal(again.code, 4);
    assert.doesNotMatch(again.stdout + again.stderr, /Stored in|run \d/);
  });

  it('creates no database when the file is missing', async () => {
    const cwd = mkdtempSync(join(dir, 'empty-'));
    const r = await runCli(['web', 'analyze', 'missing.log'], { cwd });
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'vigie: missing.log: no such file; check the path\n');
    assert.deepEqual(readdirSync(cwd), []);
  });

  it('refuses --format on export stix and csv instead of ignoring it', async () => {
    const stix = await runCli(['export', 'stix', '--format', 'nginx', '--db', db]);
    assert.equal(stix.code, 2);
    assert.match(stix.stderr, /^vigie: export stix: --format is for export blocklist/);
    assert.equal(stix.stdout, '');
    const csv = await runCli(['export', 'csv', '--format', 'plain', '--db', db]);
    assert.equal(csv.code, 2);
  });

  it('expires blocklist entries after 7 days by default, as the dashboard does', async () => {
    const r = await runCli(['export', 'blocklist', '--format', 'nginx', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const [, generated, expires] = /generated (\S+), expires (\S+)/.exec(r.stdout) ?? [];
    assert.ok(generated && expires, r.stdout.slice(0, 200));
    assert.equal((Date.parse(expires) - Date.parse(generated)) / 86_400_000, 7);
  });

  it('keeps the PDFs vigie report writes into the working tree out of git', () => {
    // The project's .gitignore in a repository of its own, so the check holds in any checkout.
    const repo = mkdtempSync(join(tmpdir(), 'vigie-gitignore-'));
    try {
      writeFileSync(join(repo, '.gitignore'), readFileSync(join(process.cwd(), '.gitignore')));
      assert.equal(spawnSync('git', ['init', '-q'], { cwd: repo }).status, 0, 'git init');
      for (const name of ['vigie-report-2026-11-01-2026-11-30-fr.pdf', 'committee.pdf']) {
        assert.equal(spawnSync('git', ['check-ignore', '-q', name], { cwd: repo }).status, 0, `git check-ignore ${name}`);
      }
      assert.equal(spawnSync('git', ['check-ignore', '-q', 'README.md'], { cwd: repo }).status, 1, 'README.md is not ignored');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
