import type { VigieModule } from '../core/module/index.js';
import { financeModule } from '../finance/index.js';
import { geoModule } from '../geo/index.js';
import { influenceModule } from '../influence/index.js';
import { tipsModule } from '../tips/index.js';
import { webModule } from '../web/index.js';

/**
 * Every module vigie runs, in the order their commands, dashboard pages and report sections
 * appear. Entry points (`cli`, `server`) loop over this list and name no module's internals.
 * Adding a module is a folder under `src/` exporting its descriptor (see
 * `core/module/descriptor.ts`) and one line here.
 */
export const MODULES: readonly VigieModule[] = [
  webModule,
  geoModule,
  financeModule,
  influenceModule,
  tipsModule,
];

/** The module of a name, if registered. */
export function moduleNamed(name: string): VigieModule | undefined {
  return MODULES.find((m) => m.name === name);
}
