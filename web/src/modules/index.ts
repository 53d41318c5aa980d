import type { DashboardModule } from '../page.js';
import { financePages } from './finance/index.js';
import { influencePages } from './influence/index.js';
import { tipsPages } from './tips/index.js';

/**
 * The modules' dashboard pages, in navigation order after the web pages. Adding a module's
 * pages is a folder `web/src/modules/<name>/` exporting a DashboardModule, and one line here.
 */
export const DASHBOARD_MODULES: readonly DashboardModule[] = [financePages, influencePages, tipsPages];
