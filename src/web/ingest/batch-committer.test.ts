import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { emptyEvent } from '../../core/index.js';
import { RowEncoder, type Checkpoint, type RowBatch } from '../../store/index.js';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { BatchCommitter, INGEST_MEMORY_LIMIT_MB } from './batch-committer.js';
import type { ChunkResult } from './parse-chunk.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-committer-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** A parsed chunk of `rows` POST requests, each with a body of `bodyBytes`. */
function chunk(encoder: RowEncoder, seq: number, rows: number, bodyBytes: number): ChunkResult {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const e = { ...emptyEvent(), ts: 1_700_000_000_000 + i, ip: '198.51.100.7', method: 'POST', path: '/api/submit', status: 200, body: 'x'.repeat(bodyBytes) };
    lines.push(encoder.encodeEvent(e, seq * rows + i + 1, false, false));
  }
  const strings = encoder.takeStrings();
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
  return {
    seq, sourceId: 1, lines: rows, parsed: rows, malformed: 0, skipped: 0, flagged: 0, malformedSamples: [],
    events: bytes(lines.join('')), eventCount: rows, findings: new Uint8Array(), findingCount: 0,
    strings: bytes(strings.rows), stringCount: strings.count,
  };
}

test('batches of long lines are cut by size, not only by row count, and every row is stored', async () => {
  const store = await DuckDbStore.open(join(dir, 'big.duckdb'));
  try {
    const runId = await store.beginRun({ command: 'test', args: [] });
    const { source } = await store.openSource({ path: '/logs/api.log', dev: 1, ino: 1, headHash: 'h', headBytes: 1 }, async () => true);
    // The real store, with each batch's size noted on the way in.
    const sizes: number[] = [];
    const noting = Object.assign(Object.create(store) as DuckDbStore, {
      commitBatch: (run: number, batch: RowBatch, cp: Checkpoint) => {
        const parts = (b: RowBatch['events']) => (b instanceof Uint8Array ? [b] : b);
        sizes.push([batch.events, batch.findings, batch.strings].flatMap(parts).reduce((n, p) => n + p.byteLength, 0));
        return store.commitBatch(run, batch, cp);
      },
    });
    const maxBytes = 1024 * 1024;
    const committer = new BatchCommitter(noting, runId, source.sourceId, 200_000, 60_000, maxBytes);
    const encoder = new RowEncoder(await store.reserveStringIds(1));
    // 40 chunks of 50 requests with 4 KB bodies: ~8 MB, far under 200k rows.
    for (let seq = 0; seq < 40; seq++) {
      committer.add(chunk(encoder, seq, 50, 4096), { sourceId: source.sourceId, byteOffset: (seq + 1) * 1000, line: (seq + 1) * 50 });
      await committer.maybeCommit();
    }
    await committer.commit();
    assert.ok(sizes.length >= 7, `a batch per ~1 MB of rows, got ${sizes.length} batches`);
    const chunkBytes = 50 * 4200;
    for (const size of sizes) assert.ok(size < maxBytes + chunkBytes, `a batch of ${size} bytes`);
    const [row] = await store.query(`SELECT count(*) AS n, min(length(body)) AS body FROM events WHERE run_id = $r`, { r: runId });
    assert.equal(Number(row!.n), 2000);
    assert.equal(Number(row!.body), 4096);
  } finally {
    await store.close();
  }
});

test('at the ingest memory limit, DuckDB loads full-size batches of long lines', async () => {
  const store = await DuckDbStore.open(join(dir, 'limit.duckdb'), { threads: 1, memoryLimitMb: INGEST_MEMORY_LIMIT_MB });
  try {
    const runId = await store.beginRun({ command: 'test', args: [] });
    const { source } = await store.openSource({ path: '/logs/api.log', dev: 1, ino: 2, headHash: 'h', headBytes: 1 }, async () => true);
    let batches = 0;
    const counting = Object.assign(Object.create(store) as DuckDbStore, {
      commitBatch: (run: number, batch: RowBatch, cp: Checkpoint) => {
        batches++;
        return store.commitBatch(run, batch, cp);
      },
    });
    // The committer as `web analyze` runs it (100k rows, MAX_BATCH_BYTES): 10,000 requests
    // with 4 KB bodies are 41 MB, so at least one batch is cut at the full 32 MB.
    const committer = new BatchCommitter(counting, runId, source.sourceId, 100_000, 60_000);
    const encoder = new RowEncoder(await store.reserveStringIds(1));
    for (let seq = 0; seq < 100; seq++) {
      committer.add(chunk(encoder, seq, 100, 4096), { sourceId: source.sourceId, byteOffset: (seq + 1) * 1000, line: (seq + 1) * 100 });
      await committer.maybeCommit();
    }
    await committer.commit();
    assert.equal(batches, 2);
    const [row] = await store.query(`SELECT count(*) AS n, count(DISTINCT line) AS lines FROM events WHERE run_id = $r`, { r: runId });
    assert.equal(Number(row!.n), 10_000);
    assert.equal(Number(row!.lines), 10_000);
  } finally {
    await store.close();
  }
});
