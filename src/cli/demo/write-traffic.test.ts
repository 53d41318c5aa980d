import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateTraffic } from './traffic.js';
import { writeTrafficFile } from './write-traffic.js';

describe('writeTrafficFile', () => {
  it('writes the generated lines, one per line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-demo-'));
    try {
      const path = join(dir, 'access.log');
      assert.equal(writeTrafficFile(path, { lines: 30_000, seed: 2 }), 30_000);
      const text = readFileSync(path, 'utf8');
      assert.ok(text.endsWith('\n'));
      assert.deepEqual(text.slice(0, -1).split('\n'), [...generateTraffic({ lines: 30_000, seed: 2 })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
