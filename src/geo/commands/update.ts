import { z } from 'zod';
import { DBIP_ATTRIBUTION, VigieError } from '../../core/index.js';
import { defineCommand } from '../../core/module/index.js';
import { ASN_CSV_FILES, ASN_FILE, defaultUserDataDir, LIST_FILES, MMDB_FILES } from '../data-files.js';
import { updateGeoData } from '../update.js';

const UPDATE_HELP = `Usage: vigie geo update --from DIR [--data-dir DIR]

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
export const geoUpdateCommand = defineCommand({
  noun: 'geo',
  verb: 'update',
  summary: 'install newer IP data you downloaded',
  help: UPDATE_HELP,
  options: z.strictObject({
    from: z.string().min(1).optional(),
    'data-dir': z.string().min(1).optional(),
  }),
  positionals: false,
  run: async ({ options }, ctx) => {
    if (options.from === undefined) throw new VigieError('VIGIE_ERR_USAGE', 'geo update: name the folder of downloaded files with --from DIR; see vigie geo update --help');
    const result = updateGeoData({ from: options.from, dataDir: options['data-dir'] ?? defaultUserDataDir(), now: new Date() });
    const say = (line: string): boolean => ctx.stdout.write(`${line}\n`);
    for (const f of result.installed) {
      const as = f.installedAs === f.name ? '' : ` as ${f.installedAs}`;
      say(`installed ${f.name}${as} (data of ${f.date}, ${f.ageDays} days old)`);
      if (f.note) say(`  ${f.name}: ${f.note}`);
      if (f.malformedSummary) ctx.stderr.write(`vigie: warning: ${f.name}: ${f.malformedSummary}\n`);
    }
    if (result.ignored.length > 0) say(`ignored (not geo data files): ${result.ignored.join(', ')}`);
    say(`geo data directory: ${result.dataDir}`);
    if (result.warning) ctx.stderr.write(`vigie: warning: ${result.warning}\n`);
    return 0;
  },
});
