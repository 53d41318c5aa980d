import { defineModule } from '../core/module/index.js';
import { geoLookupCommand } from './commands/lookup.js';
import { geoUpdateCommand } from './commands/update.js';
import { GEO_TEXT } from './text.js';

/**
 * The `geo` module: where an address is and whether it hides its origin, offline. It stores
 * nothing of its own (attributions are stored by the module that asked, web's
 * `client_origins`); its data files live in the user's data directory.
 */
export const geoModule = defineModule({
  name: 'geo',
  title: { en: 'Origins of addresses', fr: 'Origine des adresses' },
  migrations: { duckdb: [] },
  catalogue: GEO_TEXT,
  commands: [geoLookupCommand, geoUpdateCommand],
});
