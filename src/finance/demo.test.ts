import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { openStoreSession } from '../store/index.js';
import { financeDemo } from './demo.js';
import { financeModule } from './module.js';
import { FinanceReader } from './repository.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-finance-demo-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('the demo imports a generated year from the shipped calibration and stores a scan whose top recipient is a planted one', async () => {
  const session = await openStoreSession(join(dir, 'demo.duckdb'), [financeModule], { memoryLimitMb: 512 });
  try {
    const line = await financeDemo({ database: session.database, seed: 2026, dir, now: new Date() });
    assert.match(line, /contributions imported, \d+ alerts; top recipient /);
    const scan = await new FinanceReader(session.database).latestScan();
    assert.ok(scan);
    // Planted covert recipients are candidates (C-), contestants (N-); the top one is one of them.
    assert.match(scan.result.recipients[0].recipient_id, /^[CN]-/);
    assert.ok(scan.result.alerts.some((a: { type: string }) => a.type === 'network'));
  } finally {
    await session.close();
  }
});
