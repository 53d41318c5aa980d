import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openStore } from '../store/index.js';
import { VIGIE_BIN } from '../testing/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-web-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs vigie in `cwd` with only these VIGIE_* variables set (none inherited). */
function vigie(args: readonly string[], cwd: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VIGIE_') || k === 'VIGIE_CORPORA'));
  const r = spawnSync(process.execPath, [VIGIE_BIN, ...args], { cwd, env: { ...clean, ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function shown(cwd: string, env: Record<string, string> = {}): { value: unknown; source: string } {
  const r = vigie(['config', 'show', '--json'], cwd, env);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { settings: Record<string, { value: unknown; source: string }> }).settings['web.ipv6_prefix_bits']!;
}

describe('web.ipv6_prefix_bits: the IPv6 client prefix is a setting', () => {
  test('vigie config show lists it with where it came from: default, vigie.yaml, then VIGIE_WEB_IPV6_PREFIX_BITS', () => {
    const bare = mkdtempSync(join(dir, 'bare-'));
    assert.deepEqual(shown(bare), { value: 64, source: 'default' });
    const withFile = mkdtempSync(join(dir, 'file-'));
    writeFileSync(join(withFile, 'vigie.yaml'), 'web:\n  ipv6_prefix_bits: 48\n');
    assert.deepEqual(shown(withFile), { value: 48, source: 'file' });
    assert.deepEqual(shown(withFile, { VIGIE_WEB_IPV6_PREFIX_BITS: '56' }), { value: 56, source: 'env' });
    const text = vigie(['config', 'show'], withFile).stdout;
    assert.match(text, /^web\.ipv6_prefix_bits\s+48\s+\(file\)$/m);
  });

  test('a prefix that is not whole hexadecimal digits is one error line naming the setting', () => {
    const r = vigie(['config', 'show'], mkdtempSync(join(dir, 'bad-')), { VIGIE_WEB_IPV6_PREFIX_BITS: '50' });
    assert.notEqual(r.code, 0);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /web\.ipv6_prefix_bits/);
    assert.match(r.stderr, /multiple of 4/);
  });

  test('web analyze groups IPv6 clients by the setting, the flag before the environment', async () => {
    // Two addresses of one /64, one request each with a scanner's user agent: one client at /64
    // (two requests: scanner-user-agent), two clients of one request at /128 (no finding).
    const log = join(dir, 'rotating.log');
    writeFileSync(log, [
      '2001:db8:1:2::10 - - [07/Dec/2026:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "sqlmap/1.7.2#stable (https://sqlmap.org)"',
      '2001:db8:1:2::11 - - [07/Dec/2026:10:00:05 +0000] "GET /about.html HTTP/1.1" 200 512 "-" "sqlmap/1.7.2#stable (https://sqlmap.org)"',
    ].join('\n') + '\n');
    const scannerFindings = async (args: readonly string[], env: Record<string, string>, name: string): Promise<number> => {
      const db = join(dir, `${name}.duckdb`);
      const r = vigie(['web', 'analyze', log, '--db', db, '--no-geo', '--quiet', '--workers', '0', ...args], dir, env);
      assert.equal(r.code, 0, r.stderr);
      const store = await openStore(db);
      try {
        const [row] = await store.query(`SELECT count(*)::INTEGER AS n FROM findings WHERE rule = 'scanner-user-agent'`);
        return Number(row!.n);
      } finally {
        await store.close();
      }
    };
    assert.ok(await scannerFindings([], {}, 'default') > 0, 'one /64 is one client by default');
    assert.equal(await scannerFindings([], { VIGIE_WEB_IPV6_PREFIX_BITS: '128' }, 'env128'), 0, 'each address alone at /128');
    assert.ok(await scannerFindings(['--ipv6-prefix-bits', '64'], { VIGIE_WEB_IPV6_PREFIX_BITS: '128' }, 'flag64') > 0, 'the flag wins over the environment');
  });
});
