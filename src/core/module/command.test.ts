import assert from 'node:assert/strict';
import test from 'node:test';
import { z } from 'zod';
import { defineCommand, parseCommandLine } from './command.js';

const scan = defineCommand({
  noun: 'finance', verb: 'scan', summary: 's', help: 'h',
  options: z.strictObject({
    db: z.string().optional(),
    year: z.coerce.number().int().min(2004).max(2100).optional(),
    json: z.string(),
    quiet: z.boolean().default(false),
    only: z.array(z.string()).default([]),
  }),
  short: { o: 'json' },
  run: async () => 0,
});

test('flags are parsed and typed from the schema: numbers coerced, switches, repeats, aliases', () => {
  const input = parseCommandLine(scan, ['--year', '2011', '-o', 'out.json', '--quiet', '--only', 'a', '--only', 'b', 'file.csv']);
  assert.deepEqual(input.options, { year: 2011, json: 'out.json', quiet: true, only: ['a', 'b'] });
  assert.deepEqual(input.positionals, ['file.csv']);
  assert.deepEqual([...input.given].sort(), ['json', 'only', 'quiet', 'year']);
  assert.equal(parseCommandLine(scan, ['-h']).help, true);
});

test('an unknown flag, a missing required flag or a refused value is one usage line naming the flag', () => {
  assert.throws(() => parseCommandLine(scan, ['--json', 'x', '--yaer', '2011']), (e: Error & { code?: string }) => e.code === 'VIGIE_ERR_USAGE' && /finance scan: .*--yaer.*see vigie finance scan --help/.test(e.message));
  assert.throws(() => parseCommandLine(scan, []), /finance scan: --json: /);
  assert.throws(() => parseCommandLine(scan, ['--json', 'x', '--year', '1990']), /--year: .* \(got '1990'\)/);
});
