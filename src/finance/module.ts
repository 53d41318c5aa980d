import { defineModule } from '../core/module/index.js';
import { financeEntitiesCommand } from './commands/entities.js';
import { financeImportCommand } from './commands/import.js';
import { financeScanCommand } from './commands/scan.js';
import { financeDemo } from './demo.js';
import { financeRoutes } from './http.js';
import { FINANCE_MIGRATIONS } from './migrations.js';
import { financeReport } from './report.js';
import { FINANCE_TEXT } from './text.js';

/**
 * The `finance` module: Elections Canada contribution files in, people resolved across
 * spellings, covert-funding shapes found (limit breaches, straw rings, networks, bursts,
 * ineligible contributors), recipients ranked with the rows and the sections of the Act.
 */
export const financeModule = defineModule({
  name: 'finance',
  title: { en: 'Political financing', fr: 'Financement politique' },
  migrations: FINANCE_MIGRATIONS,
  catalogue: FINANCE_TEXT,
  commands: [financeImportCommand, financeScanCommand, financeEntitiesCommand],
  http: financeRoutes,
  demo: financeDemo,
  pages: ['finance'],
  report: financeReport,
});
