import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { DBIP_ATTRIBUTION, VigieError } from '../../core/index.js';
import { defineCommand, HOME_FLAG } from '../../core/module/index.js';
import { GeoAttributor, type GeoAttribution } from '../attributor.js';
import { geoText, sourceId } from '../text.js';
import { defaultUserDataDir } from '../data-files.js';
import { dataStatus, staleWarning } from '../data-status.js';

const LOOKUP_HELP = `Usage: vigie geo lookup IP... [options]
       vigie geo lookup --input FILE [options]

Prints one JSON line per address, in order:
  {"ip","country","region","city","asn","org","network","verdict","confidence","reasons",
   "source","source_fr"}
source says what answered the country: geofeed or cloud_region_file (the operator's own file,
installed by 'vigie geo update', taken first), databases_agree, databases_disagree,
one_database, registry, unallocated or none; source_fr is that reason in French.
verdict is domestic, foreign, obscured (Tor, VPN, hosting, CDN, privacy relay: the country is
the address's, not the person's) or unknown (private, reserved, unallocated, no data, not an
address, or sources that disagree on whether it is at home: domestic is never a guess). Everything is offline: bundled data, or newer files installed by 'vigie geo update'.

Options:
  --input FILE     read addresses from FILE, one a line ('-' for stdin); blank lines and
                   '# comments' are skipped
  --home CC        the country that counts as domestic (default CA)
  --data-dir DIR   user geo data directory (default ${defaultUserDataDir()})
  --quiet          no warning about old data on stderr
  -h, --help       this help

Data: ${DBIP_ATTRIBUTION.text} (${DBIP_ATTRIBUTION.url}), ${DBIP_ATTRIBUTION.licence}; geo-whois-asn-country
(NRO, CC BY 4.0); ASN data by RouteViews, NRO and DB-IP (CC BY 4.0); network lists: see data/geo/lists/NOTICE.md.`;

/** `vigie geo lookup IP... | --input FILE` */
export const geoLookupCommand = defineCommand({
  noun: 'geo',
  verb: 'lookup',
  summary: 'origin verdict per address: foreign, domestic, obscured or unknown',
  help: LOOKUP_HELP,
  options: z.strictObject({
    input: z.string().min(1).optional(),
    home: HOME_FLAG,
    'data-dir': z.string().min(1).optional(),
    quiet: z.boolean().default(false),
  }),
  config: { home: 'home_country' },
  run: async ({ options, positionals }, ctx) => {
    const input = options.input;
    if (positionals.length === 0 && input === undefined) {
      throw new VigieError('VIGIE_ERR_USAGE', 'geo lookup: name at least one address, or --input FILE (- for stdin); see vigie geo lookup --help');
    }
    const geo = new GeoAttributor({ home: ctx.config.get<string>('home_country'), dataDir: options['data-dir'] ?? defaultUserDataDir(), sourceParams: true });
    if (!options.quiet) {
      const warning = staleWarning(dataStatus(geo.data.paths, new Date()));
      if (warning) ctx.stderr.write(`vigie: warning: ${warning}\n`);
    }
    const out: string[] = [];
    const flush = async (): Promise<void> => {
      if (out.length === 0) return;
      const chunk = out.join('');
      out.length = 0;
      if (!ctx.stdout.write(chunk)) await new Promise<void>((resolve) => ctx.stdout.once('drain', () => resolve()));
    };
    for (const ip of positionals) out.push(formatAttribution(geo.attribute(ip)));
    await flush();
    if (input !== undefined) {
      await lookupLines(input, (ip) => out.push(formatAttribution(geo.attribute(ip))), () => (out.length >= 1024 ? flush() : undefined));
      await flush();
    }
    return 0;
  },
});

/**
 * Each address of `input` (a file, or stdin for '-'), in order: one a line, trimmed; blank lines
 * and comments (`# ...`, whole lines or after the address) are left out, as in the block lists
 * people keep addresses in.
 */
async function lookupLines(input: string, each: (ip: string) => void, between: () => Promise<void> | undefined): Promise<void> {
  const stream = input === '-' ? process.stdin : createReadStream(input);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT'
      ? new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `geo lookup: ${input}: no such file; check the path`)
      : new VigieError('VIGIE_ERR_FILE_UNREADABLE', `geo lookup: ${input}: ${err.message}`)));
    stream.once('end', () => resolve());
  });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const reading = (async () => {
    for await (const line of lines) {
      const hash = line.indexOf('#');
      const ip = (hash < 0 ? line : line.slice(0, hash)).trim();
      if (ip === '') continue;
      each(ip);
      const flushing = between();
      if (flushing) await flushing;
    }
  })();
  await Promise.all([reading, opened]);
}

/**
 * One output line, keys in the documented order: `source` names what answered the country
 * (`geofeed`, `cloud_region_file`, `databases_agree`, ...) and `source_fr` says it in French
 * (the English is the first of `reasons`).
 */
export function formatAttribution(a: GeoAttribution): string {
  return JSON.stringify({
    ip: a.ip, country: a.country, region: a.region, city: a.city, asn: a.asn, org: a.org,
    network: a.network, verdict: a.verdict, confidence: a.confidence, reasons: a.reasons,
    source: sourceId(a.source), source_fr: geoText(a.source, 'fr'),
  }) + '\n';
}
