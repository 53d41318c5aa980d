import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { readBytes } from './byte-source.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-byte-source-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function inputOf(path: string) {
  const st = statSync(path);
  return { name: 'a.log', path, gzip: false, size: st.size, dev: st.dev, ino: st.ino };
}

test('a commit that outlasts the idle timeout is not silence: lines written meanwhile are read', async () => {
  const path = join(dir, 'a.log');
  writeFileSync(path, 'first\n');
  let commits = 0;
  const bytes = readBytes(inputOf(path), 0, {
    follow: true,
    pollMs: 10,
    idleTimeoutMs: 50,
    signal: undefined,
    // The first commit takes four times the timeout (a loaded machine); the log grows meanwhile.
    onIdle: async () => {
      if (commits++ === 0) {
        appendFileSync(path, 'second\n');
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  });
  const read: string[] = [];
  let next = await bytes.next();
  while (!next.done) {
    read.push(next.value.toString());
    next = await bytes.next();
  }
  assert.equal(read.join(''), 'first\nsecond\n');
  assert.equal(next.value, 'idle');
});

test('a followed file that stays silent past the timeout ends as idle', async () => {
  const path = join(dir, 'b.log');
  writeFileSync(path, 'only\n');
  const started = Date.now();
  const bytes = readBytes(inputOf(path), 0, { follow: true, pollMs: 10, idleTimeoutMs: 100, signal: undefined, onIdle: async () => {} });
  let next = await bytes.next();
  while (!next.done) next = await bytes.next();
  assert.equal(next.value, 'idle');
  assert.ok(Date.now() - started >= 100);
});
