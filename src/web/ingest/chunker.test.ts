import assert from 'node:assert/strict';
import test from 'node:test';
import { LineChunker, MAX_LINE_BYTES, type LineChunk } from './chunker.js';

function feed(input: Buffer, pieces: number[], target = 16): LineChunk[] {
  const c = new LineChunker(1, 0, target);
  const out: LineChunk[] = [];
  let at = 0;
  for (const size of pieces) {
    out.push(...c.push(input.subarray(at, at + size)));
    at += size;
  }
  out.push(...c.push(input.subarray(at)));
  const last = c.end();
  if (last) out.push(last);
  return out;
}

test('chunks hold whole lines with their numbers and offsets, however the bytes arrive', () => {
  const input = Buffer.from('alpha\nbeta\ngamma\ndelta\nepsilon\nzeta');
  for (const pieces of [[], [1, 1, 1], [7, 3, 9], [input.length - 1]]) {
    const chunks = feed(input, pieces);
    assert.equal(Buffer.concat(chunks.map((c) => c.data)).toString(), input.toString());
    let line = 1;
    let offset = 0;
    for (const c of chunks) {
      assert.equal(c.firstLine, line);
      offset += c.data.length;
      assert.equal(c.endOffset, offset);
      const text = c.data.toString();
      if (c !== chunks[chunks.length - 1]) assert.ok(text.endsWith('\n'), `chunk ends mid-line: ${JSON.stringify(text)}`);
      line += c.lineCount;
    }
    assert.equal(line - 1, 6);
  }
});

test('an endless line is cut just over the limit, counted once, and offsets stay exact', () => {
  const long = 'x'.repeat(MAX_LINE_BYTES * 3);
  const input = Buffer.from(`short\n${long}\nafter\n`);
  const chunks = feed(input, [1000, 70_000, 70_000, 10_000], 1 << 20);
  const lines = Buffer.concat(chunks.map((c) => c.data)).toString().split('\n').filter(Boolean);
  assert.deepEqual(lines.map((l) => l.length), [5, MAX_LINE_BYTES + 1, 5]);
  assert.equal(chunks.reduce((s, c) => s + c.lineCount, 0), 3);
  assert.equal(chunks[chunks.length - 1]!.endOffset, input.length);
});

test('flushComplete hands out whole lines and keeps a partial one for later', () => {
  const c = new LineChunker(10, 100, 1 << 20);
  assert.deepEqual(c.push(Buffer.from('one\ntw')), []);
  const chunk = c.flushComplete()!;
  assert.equal(chunk.data.toString(), 'one\n');
  assert.equal(chunk.firstLine, 10);
  assert.equal(chunk.endOffset, 104);
  c.push(Buffer.from('o\n'));
  const rest = c.flushComplete()!;
  assert.equal(rest.data.toString(), 'two\n');
  assert.equal(rest.firstLine, 11);
  assert.equal(rest.endOffset, 108);
});
