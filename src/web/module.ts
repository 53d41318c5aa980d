import { defineCatalogue, defineModule } from '../core/module/index.js';
import { webLearnCommand } from './commands/learn.js';
import { webScanCommand } from './commands/scan.js';

/**
 * The `web` module: attacks in a site's access logs, per request, per client and per
 * campaign. `web analyze` (the pipeline) is still wired by the CLI; its tables are the
 * store's schema (`store/duckdb/schema.ts`).
 */
export const webModule = defineModule({
  name: 'web',
  title: { en: 'Web attacks', fr: 'Attaques web' },
  migrations: { duckdb: [] },
  catalogue: defineCatalogue({ en: {}, fr: {} }),
  commands: [webScanCommand, webLearnCommand],
});
