import { DBIP_ATTRIBUTION, VigieError } from '../../core/index.js';
import { ASN_CSV_FILES, ASN_FILE, defaultUserDataDir, LIST_FILES, MMDB_FILES, updateGeoData } from '../../geo/index.js';
import { parseCommandArgs } from '../args.js';

export const UPDATE_HELP = `Usage: vigie geo update --from DIR [--data-dir DIR]

Installs newer IP data you downloaded into DIR, under the names vigie ships them with:
  ${Object.values(MMDB_FILES).join(', ')}
  ${ASN_CSV_FILES.v4} + ${ASN_CSV_FILES.v6} (compiled into ${ASN_FILE}), or ${ASN_FILE}
  ${Object.values(LIST_FILES).join(', ')}
Each file is checked first (a database must open and answer a known address, a list must
parse); one bad file installs nothing. Dates go into manifest.json; lookups then prefer these
files. A warning names any data older than 60 days.

Options:
  --from DIR       folder holding the downloaded files
  --data-dir DIR   where to install (default ${defaultUserDataDir()})
  -h, --help       this help

DB-IP data: ${DBIP_ATTRIBUTION.text} (${DBIP_ATTRIBUTION.url}), ${DBIP_ATTRIBUTION.licence}.`;

/** `vigie geo update --from DIR` */
export async function geoUpdateCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs('geo update', argv, {
    from: { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  }, false);
  if (values.help) {
    console.log(UPDATE_HELP);
    return 0;
  }
  if (values.from === undefined) throw new VigieError('VIGIE_ERR_USAGE', 'geo update: name the folder of downloaded files with --from DIR; see vigie geo update --help');
  const result = updateGeoData({ from: values.from as string, dataDir: (values['data-dir'] as string | undefined) ?? defaultUserDataDir(), now: new Date() });
  for (const f of result.installed) console.log(`installed ${f.name} (data of ${f.date}, ${f.ageDays} days old)`);
  if (result.ignored.length > 0) console.log(`ignored (not geo data files): ${result.ignored.join(', ')}`);
  console.log(`geo data directory: ${result.dataDir}`);
  if (result.warning) process.stderr.write(`vigie: warning: ${result.warning}\n`);
  return 0;
}
