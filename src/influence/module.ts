import { defineModule } from '../core/module/index.js';
import { influenceImportCommand } from './commands/import.js';
import { influenceNetworkCommand } from './commands/network.js';
import { influenceScanCommand } from './commands/scan.js';
import { influenceGroupsCommand } from './commands/groups.js';
import { influenceGenerateCommand } from './commands/generate.js';
import { influenceDemo } from './demo.js';
import { influenceRoutes } from './http.js';
import { INFLUENCE_MIGRATIONS } from './migrations.js';
import { influenceReport } from './report.js';
import { INFLUENCE_TEXT } from './text/catalogue.js';

/**
 * The `influence` module: accounts acting together across platforms and languages (en, fr,
 * zh-Hans, zh-Hant): near-identical text in bursts, the same links within minutes, the same
 * posts amplified within seconds, one message forwarded into many group chats.
 */
export const influenceModule = defineModule({
  name: 'influence',
  title: { en: 'Coordinated influence', fr: 'Influence coordonnée' },
  migrations: INFLUENCE_MIGRATIONS,
  catalogue: INFLUENCE_TEXT,
  http: influenceRoutes,
  demo: influenceDemo,
  pages: ['influence'],
  report: influenceReport,
  commands: [influenceImportCommand, influenceScanCommand, influenceGroupsCommand, influenceNetworkCommand, influenceGenerateCommand],
});
