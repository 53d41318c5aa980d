import { DBIP_ATTRIBUTION, VigieError } from '../../core/index.js';
import { ASN_CSV_FILES, ASN_FILE, defaultUserDataDir, LIST_FILES, MMDB_FILES, updateGeoData } from '../../geo/index.js';
import { parseCommandArgs } from '../args.js';

export const UPDATE_HELP = `Usage: vigie geo update --from DIR [--data-dir DIR]

Installs newer IP data you downloaded into DIR:
  databases and lists under the names vigie ships them with, replacing the shipped ones:
    ${Object.values(MMDB_FILES).join(', ')}
    ${ASN_CSV_FILES.v4} + ${ASN_CSV_FILES.v6} (compiled into ${ASN_FILE}), or ${ASN_FILE}
    ${Object.values(LIST_FILES).join(', ')}
  more lists, used beside the shipped ones: tor-NAME, vpn-NAME, relay-NAME, cdn-NAME and
    hosting-NAME (any extension; one address or block a line, or CSV with the block first),
    Apple's egress-ip-ranges.csv (relay) and the Tor Project's torbulkexitlist
  cloud region files (any .json): AWS ip-ranges.json, Google Cloud cloud.json, Azure
    ServiceTags_Public_*.json, Oracle public_ip_ranges.json
  RFC 8805 geofeeds (any other file of prefix,country,region,city rows), e.g. DigitalOcean's
    and Linode's
Cloud region files and geofeeds are the operators' own word on where their blocks are: lookups
answer from them first, and say so. Each file is checked first: a file that cannot be used
installs nothing (one error line); a file with some bad lines is installed without them, and
the bad lines are counted and named (file:line). Dates go into manifest.json and the warning
about data older than 60 days. Installs are all or nothing, even when interrupted.

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
  for (const f of result.installed) {
    const as = f.installedAs === f.name ? '' : ` as ${f.installedAs}`;
    console.log(`installed ${f.name}${as} (data of ${f.date}, ${f.ageDays} days old)`);
    if (f.note) console.log(`  ${f.name}: ${f.note}`);
    if (f.malformedSummary) process.stderr.write(`vigie: warning: ${f.name}: ${f.malformedSummary}\n`);
  }
  if (result.ignored.length > 0) console.log(`ignored (not geo data files): ${result.ignored.join(', ')}`);
  console.log(`geo data directory: ${result.dataDir}`);
  if (result.warning) process.stderr.write(`vigie: warning: ${result.warning}\n`);
  return 0;
}
