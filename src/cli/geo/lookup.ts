import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { DBIP_ATTRIBUTION, VigieError, type Attribution } from '../../core/index.js';
import { dataStatus, GeoAttributor, defaultUserDataDir, staleWarning } from '../../geo/index.js';
import { coreSettings, parseCommandArgs } from '../args.js';

export const LOOKUP_HELP = `Usage: vigie geo lookup IP... [options]
       vigie geo lookup --input FILE [options]

Prints one JSON line per address, in order:
  {"ip","country","region","city","asn","org","network","verdict","confidence","reasons"}
verdict is domestic, foreign, obscured (Tor, VPN, hosting, CDN, privacy relay: the country is
the address's, not the person's) or unknown (private, reserved, unallocated, no data, not an
address, or sources that disagree on whether it is at home: domestic is never a guess). Everything is offline: bundled data, or newer files installed by 'vigie geo update'.

Options:
  --input FILE     read addresses from FILE, one a line ('-' for stdin)
  --home CC        the country that counts as domestic (default CA)
  --data-dir DIR   user geo data directory (default ${defaultUserDataDir()})
  --quiet          no warning about old data on stderr
  -h, --help       this help

Data: ${DBIP_ATTRIBUTION.text} (${DBIP_ATTRIBUTION.url}), ${DBIP_ATTRIBUTION.licence}; geo-whois-asn-country
(NRO, CC BY 4.0); ASN data by RouteViews, NRO and DB-IP (CC BY 4.0); network lists: see data/geo/lists/NOTICE.md.`;

/** `vigie geo lookup IP... | --input FILE` */
export async function geoLookupCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('geo lookup', argv, {
    input: { type: 'string' },
    home: { type: 'string' },
    'data-dir': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(LOOKUP_HELP);
    return 0;
  }
  const input = values.input as string | undefined;
  if (positionals.length === 0 && input === undefined) {
    throw new VigieError('VIGIE_ERR_USAGE', 'geo lookup: name at least one address, or --input FILE (- for stdin); see vigie geo lookup --help');
  }
  const { home } = coreSettings('geo lookup', values);
  const geo = new GeoAttributor({ home, dataDir: (values['data-dir'] as string | undefined) ?? defaultUserDataDir() });
  if (!values.quiet) {
    const warning = staleWarning(dataStatus(geo.data.paths, new Date()));
    if (warning) process.stderr.write(`vigie: warning: ${warning}\n`);
  }
  const out: string[] = [];
  const flush = async (): Promise<void> => {
    if (out.length === 0) return;
    const chunk = out.join('');
    out.length = 0;
    if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  };
  for (const ip of positionals) out.push(formatAttribution(geo.attribute(ip)));
  await flush();
  if (input !== undefined) {
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
        const ip = line.trim();
        if (ip === '') continue;
        out.push(formatAttribution(geo.attribute(ip)));
        if (out.length >= 1024) await flush();
      }
    })();
    await Promise.all([reading, opened]);
    await flush();
  }
  return 0;
}

/** One output line, keys in the documented order. */
export function formatAttribution(a: Attribution): string {
  return JSON.stringify({
    ip: a.ip, country: a.country, region: a.region, city: a.city, asn: a.asn, org: a.org,
    network: a.network, verdict: a.verdict, confidence: a.confidence, reasons: a.reasons,
  }) + '\n';
}
