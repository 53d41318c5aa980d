import { defineModule } from '../core/module/index.js';
import { webAnalyzeCommand } from './commands/analyze.js';
import { webLearnCommand } from './commands/learn.js';
import { webScanCommand } from './commands/scan.js';
import { webShipCommand } from './commands/ship.js';
import { workerCommand } from './commands/worker.js';
import { WEB_CONFIG } from './config.js';
import { WEB_MIGRATIONS } from './repository/migrations.js';
import { WEB_TEXT } from './text/index.js';

/**
 * The `web` module: attacks in a site's access logs, per request, per client and per
 * campaign: `web analyze` runs the pipeline (`pipeline/`), `serve` its live steps. Its tables
 * are the store's schema (`store/duckdb/schema.ts`) and its own (`repository/migrations.ts`).
 */
export const webModule = defineModule({
  name: 'web',
  title: { en: 'Web attacks', fr: 'Attaques web' },
  migrations: { duckdb: WEB_MIGRATIONS },
  catalogue: WEB_TEXT,
  config: WEB_CONFIG,
  commands: [webAnalyzeCommand, webScanCommand, webLearnCommand, webShipCommand, workerCommand],
});
