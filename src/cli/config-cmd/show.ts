import { z } from 'zod';
import { defineCommand } from '../../core/module/index.js';
import { loadConfig } from '../config.js';

/** `vigie config show [--json]`: the effective configuration and where each value came from. */
export const configShowCommand = defineCommand({
  noun: 'config',
  verb: 'show',
  summary: 'the effective configuration and where each value came from',
  help: `Usage: vigie config show [--json]

Prints every setting with its value and where it came from: a command flag, a VIGIE_*
environment variable (VIGIE_DB_PATH, VIGIE_WEB_BEHAVIOUR_EVERY_SECS...), the configuration
file ($VIGIE_CONFIG, else ./vigie.yaml), or the default. An invalid setting is one error line
naming it.

Options:
  --json       one JSON object: {"file", "settings": {key: {"value", "source"}}}
  -h, --help   this help`,
  options: z.strictObject({ json: z.boolean().default(false) }),
  positionals: false,
  run: async ({ options }, ctx) => {
    const config = loadConfig();
    const keys = Object.keys(config.sources).sort();
    if (options.json) {
      const settings = Object.fromEntries(keys.map((k) => [k, { value: config.get(k) ?? null, source: config.sources[k] }]));
      ctx.stdout.write(JSON.stringify({ file: config.file, settings }, null, 2) + '\n');
      return 0;
    }
    ctx.stdout.write(`# configuration file: ${config.file ?? 'none (set VIGIE_CONFIG or create ./vigie.yaml)'}\n`);
    const width = Math.max(...keys.map((k) => k.length));
    for (const k of keys) ctx.stdout.write(`${k.padEnd(width)}  ${JSON.stringify(config.get(k) ?? null)}  (${config.sources[k]})\n`);
    return 0;
  },
});


