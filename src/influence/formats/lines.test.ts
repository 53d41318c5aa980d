import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import type { ReadItem } from '../post.js';
import { readPostBatches } from './index.js';
import { fileLines } from './lines.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-influence-lines-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('lines are cut at \\n, \\r\\n and a lone \\r, the byte-order mark dropped, as readline cut them', async () => {
  const file = join(dir, 'mixed.txt');
  writeFileSync(file, '\uFEFFone\r\ntwo\rthree\n\nfour');
  const lines: string[] = [];
  for await (const { line, text } of fileLines(file)) lines.push(`${line}:${text}`);
  assert.deepEqual(lines, ['1:one', '2:two', '3:three', '4:', '5:four']);
});

test('a QUT CSV of several MiB, CRLF, quoted line breaks and Chinese across chunk edges: every post read, bad rows at their file:line', async () => {
  const rows = ['message_id,user_id,username,repost_id,reply_id,message,timestamp,urls'];
  const expectBad: number[] = [];
  let line = 1;
  let line14 = 0;
  for (let i = 0; i < 60_000; i++) {
    line++;
    if (i % 9_999 === 5) { rows.push(`${i},u${i % 50}`); expectBad.push(line); continue; }
    // Every 7th message spans two lines; Han and accented text so multi-byte characters cross chunk edges.
    const text = i % 7 === 0 ? `"這位議員與北京勾結 ${i}\r\nsecond, ""line"" é"` : `"message ${i} élection 北京"`;
    if (i === 14) line14 = line;
    rows.push(`${i},u${i % 50},n,,,${text},${1_700_000_000 + i},`);
    if (i % 7 === 0) line++;
  }
  const csv = rows.join('\r\n') + '\r\n';
  assert.ok(Buffer.byteLength(csv) > 2 * (1 << 20), `${Buffer.byteLength(csv)} bytes`);
  for (const [name, body] of [['big.csv', Buffer.from(csv)], ['big.csv.gz', gzipSync(csv)]] as const) {
    const file = join(dir, name);
    writeFileSync(file, body);
    const items: ReadItem[] = [];
    for await (const batch of readPostBatches(file, 'qut')) items.push(...batch);
    const posts = items.filter((x) => x.kind === 'post');
    const bad = items.filter((x) => x.kind === 'bad');
    assert.equal(posts.length, 60_000 - expectBad.length, name);
    assert.deepEqual(bad.map((b) => b.origin.line), expectBad, name);
    const multi = posts.find((p) => p.post.id === '14')!;
    assert.equal(multi.post.text, '這位議員與北京勾結 14\nsecond, "line" é');
    assert.equal(multi.origin.line, line14, 'the line the record starts on');
    assert.equal(line14, 18);
    assert.equal(posts.find((p) => p.post.id === '59998')!.post.text, 'message 59998 élection 北京');
  }
});
