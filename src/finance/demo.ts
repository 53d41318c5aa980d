import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoContext } from '../core/module/index.js';
import { ec27File } from './fixtures.js';
import { importFiles } from './import.js';
import { FinanceRepository } from './repository.js';
import { scanContributions } from './scan.js';
import { loadCalibration } from './synth/calibration.js';
import { generateBenchmark } from './synth/generate.js';

/** `data/finance/calibration/`, found by walking up from this module (src/ or dist/src/). */
function calibrationDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'data', 'finance', 'calibration');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('finance demo: data/finance/calibration not found');
    dir = up;
  }
}

/**
 * `vigie demo`'s finance part: a generated year (2021) of contributions with planted schemes,
 * written as a 27-column file and imported like a user would, then scanned (the API and the
 * report read the stored scan).
 */
export async function financeDemo(ctx: DemoContext): Promise<string> {
  const b = generateBenchmark(loadCalibration(calibrationDir()), { seed: ctx.seed, people: 6000 });
  const file = join(ctx.dir, 'od_cntrbtn_audt_e-demo.csv');
  writeFileSync(file, '\ufeff' + ec27File(b.rows.map((r) => ({
    entity: r.politicalEntity, recipientId: r.recipientId, recipient: r.recipient, party: r.party, district: r.district,
    type: r.contributorType, name: r.contributorName, city: r.city, province: r.province, postal: r.postal, date: r.date,
    amount: (r.monetaryCents / 100).toFixed(2),
  }))));
  const imported = await importFiles({ files: [file], database: ctx.database });
  const repo = new FinanceRepository(ctx.database);
  const result = scanContributions(await repo.itemised());
  await repo.saveScan(result, null);
  const top = result.recipients[0];
  return `${imported.itemised.toLocaleString('en-CA')} contributions imported, ${result.alerts.length} alerts; top recipient ${top?.recipient ?? 'none'} (${top?.reasons[0] ?? ''}). See /api/finance/recipients while the demo serves; after Ctrl-C, vigie finance scan --db ${ctx.database.location} --json -`;
}
