import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isVigieError } from '../core/index.js';
import { DuckDbStore } from '../store/index.js';
import { ReaderPool } from './reader-pool.js';

/** Seconds of work for DuckDB on any machine: far longer than the timeouts below. */
const SLOW = 'SELECT count(*) AS n FROM range(100000000000) a';

describe('reader pool: read connections shared fairly', () => {
  let dir: string;
  let store: DuckDbStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigie-pool-'));
    store = await DuckDbStore.open(join(dir, 'p.duckdb'));
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs one query of a lane at a time, leaving the other connection to the next lane', async () => {
    const pool = await ReaderPool.open(store, { connections: 2, maxPerLane: 16, timeoutMs: 600_000 });
    const order: string[] = [];
    // Lane a asks for two long counts; b's short query then finds the second connection free
    // (a lane holding both, b would wait for one of a's counts to end).
    const long = [1, 2].map((i) => pool.lane('a').query(`SELECT count(*) AS n FROM range(${i} * 300000000) t`).then(() => order.push(`a${i}`)));
    const short = pool.lane('b').query('SELECT 1 AS x').then(() => order.push('b1'));
    await Promise.all([...long, short]);
    assert.deepEqual(order, ['b1', 'a1', 'a2']);
    pool.close();
  });

  it('serves waiting lanes in turn: a lane with a backlog does not hold back the next lane', async () => {
    const pool = await ReaderPool.open(store, { connections: 1, maxPerLane: 16, timeoutMs: 60_000 });
    const order: string[] = [];
    const ask = (lane: string, i: number) => pool.lane(lane).query(`SELECT ${i} AS i`).then(() => order.push(`${lane}${i}`));
    await Promise.all([...[1, 2, 3, 4, 5, 6].map((i) => ask('a', i)), ask('b', 1), ask('c', 1)]);
    // a1 runs at once; then each waiting lane in turn, a (which was waiting first), b, c, and a's backlog.
    assert.deepEqual(order, ['a1', 'a2', 'b1', 'c1', 'a3', 'a4', 'a5', 'a6']);
    pool.close();
  });

  it('refuses a query beyond a lane\'s limit (429), gives up a slow one (503) by interrupting DuckDB, and the connection serves on', async () => {
    const pool = await ReaderPool.open(store, { connections: 1, maxPerLane: 2, timeoutMs: 500 });
    const slow = pool.lane('a').query(SLOW);
    const queued = pool.lane('a').query('SELECT 1 AS x');
    await assert.rejects(pool.lane('a').query('SELECT 1 AS x'), (err: unknown) => isVigieError(err) && err.httpStatus === 429);
    await assert.rejects(slow, (err: unknown) => isVigieError(err) && err.code === 'VIGIE_ERR_HTTP_BUSY' && /took longer than 1 s/.test(err.message));
    await assert.rejects(queued, (err: unknown) => isVigieError(err) && err.code === 'VIGIE_ERR_HTTP_BUSY', 'still queued when its time ran out');
    // The interrupted query let go of the connection, and the lane's places are free again.
    assert.deepEqual(await pool.lane('a').query('SELECT 42 AS x'), [{ x: 42 }]);
    assert.deepEqual(await Promise.all([pool.lane('a').query('SELECT 1 AS x'), pool.lane('a').query('SELECT 2 AS x')]), [[{ x: 1 }], [{ x: 2 }]]);
    pool.close();
  });
});
