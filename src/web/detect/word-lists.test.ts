import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { expandWordLists, readWordList, trieAlternation } from './word-lists.js';

test('a factored alternation matches exactly the listed words', () => {
  const words = ['cat', 'curl', 'sh', 'shred', 'ssh-add', 'cab', 'cac', 'x'];
  const re = new RegExp(`^${trieAlternation(words)}$`);
  for (const w of words) assert.ok(re.test(w), w);
  for (const w of ['ca', 'shr', 's', 'catt', 'ssh', '']) assert.ok(!re.test(w), w);
});

test('a placeholder expands to the list from the data folder, comments left out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-words-'));
  writeFileSync(join(dir, 'tools.txt'), '# tools\nWget\ncurl  # downloader\n\n');
  assert.deepEqual(readWordList('tools', dir), ['wget', 'curl']);
  const re = new RegExp(expandWordLists(';{{tools}}\\b', dir), 'i');
  assert.ok(re.test('a;CURL x'));
  assert.ok(!re.test('a;curly'));
});

test('a missing list is a clear configuration error', () => {
  assert.throws(() => readWordList('nope', tmpdir()), /word list named by a rule cannot be read/);
});
