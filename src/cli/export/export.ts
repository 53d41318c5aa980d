import { writeFile } from 'node:fs/promises';
import { VigieError } from '../../core/index.js';
import { userInfo } from 'node:os';
import { isBlockable } from '../../geo/index.js';
import {
  BLOCKLIST_FORMATS, DEFAULT_EXPIRES_DAYS, loadAttackers, loadCampaigns, periodBounds, renderBlocklist, renderCsv, renderStix, resolvePeriod,
} from '../../report/index.js';
import { appendAudit } from '../../store/index.js';
import { coreSettings, intOption, parseCommandArgs } from '../args.js';
import { openExistingStore } from '../report/open-store.js';
import { askServer, queryOf, serverHolding } from '../report/through-server.js';
import { oneOf } from '../report/report.js';

export type ExportKind = 'stix' | 'csv' | 'blocklist';

export const EXPORT_HELP = `Usage: vigie export stix|csv|blocklist [options]

Evidence exports of the attacking addresses stored in the database:
  stix       STIX 2.1 bundle: indicators and sightings per address, campaigns, attribution as notes
  csv        one row per address: times, counts, classes, rules, country, network, verdict, reasons
  blocklist  addresses to block, with an expiry: --format plain (default), nginx (deny include)
             or ipset (ipset restore file, entries time out); private and reserved space is skipped

Options:
  --from DATE          first day, YYYY-MM-DD (default: the first day with data)
  --to DATE            last day, included (default: the last day with data)
  --min-severity N     only addresses with a finding of severity N or more (1-5, default 1)
  --expires-days N     blocklist entries and STIX indicators expire N days on (default ${DEFAULT_EXPIRES_DAYS})
  --format F           blocklist only: ${BLOCKLIST_FORMATS.join(', ')} (default plain)
  --producer NAME      STIX identity name (default: vigie)
  --out FILE           write to FILE (default stdout)
  --db PATH            database file (default ./vigie.duckdb)
  -h, --help           this help`;

/** `vigie export stix|csv|blocklist`: one function, three verbs. */
export function exportCommand(kind: ExportKind) {
  return async (argv: readonly string[]): Promise<number> => {
    const { values } = parseCommandArgs(`export ${kind}`, argv, {
      from: { type: 'string' },
      to: { type: 'string' },
      'min-severity': { type: 'string' },
      'expires-days': { type: 'string' },
      format: { type: 'string' },
      producer: { type: 'string', default: 'vigie' },
      out: { type: 'string' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    }, false);
    if (values.help) {
      console.log(EXPORT_HELP);
      return 0;
    }
    const minSeverity = intOption(`export ${kind}`, 'min-severity', values['min-severity'] as string | undefined, 1, 1, 5);
    const expiresDays = intOption(`export ${kind}`, 'expires-days', values['expires-days'] as string | undefined, DEFAULT_EXPIRES_DAYS, 1, 3650);
    if (kind !== 'blocklist' && values.format !== undefined) {
      // A format the export cannot honour must not pass silently: the user expects another file.
      throw new VigieError('VIGIE_ERR_USAGE', `export ${kind}: --format is for export blocklist (${BLOCKLIST_FORMATS.join(', ')}); export ${kind} always writes ${kind === 'stix' ? 'a STIX 2.1 JSON bundle' : 'CSV'}`);
    }
    if (kind === 'csv' && values['expires-days'] !== undefined) {
      throw new VigieError('VIGIE_ERR_USAGE', 'export csv: --expires-days is for export blocklist and export stix; a CSV has no expiry');
    }
    const format = oneOf('format', (values.format as string | undefined) ?? 'plain', BLOCKLIST_FORMATS);
    const db = coreSettings('export', values).db;
    const out = values.out as string | undefined;
    const server = await serverHolding(db);
    if (server) {
      if (values.producer !== 'vigie') throw new VigieError('VIGIE_ERR_USAGE', `export stix: --producer needs the database itself, which vigie serve (pid ${server.pid}) holds; stop it first`);
      const period = { from: values.from as string | undefined, to: values.to as string | undefined, min_severity: minSeverity };
      const query = kind === 'blocklist' ? { ...period, format, expires_days: expiresDays } : kind === 'stix' ? { ...period, valid_days: expiresDays } : period;
      const { body } = await askServer(server, `/api/export/${kind}${queryOf(query)}`);
      if (out === undefined || out === '-') process.stdout.write(body);
      else await writeFile(out, body);
      return 0;
    }
    const store = await openExistingStore(db);
    try {
      const period = await resolvePeriod(store, { from: values.from as string | undefined, to: values.to as string | undefined });
      const attackers = await loadAttackers(store, period, minSeverity);
      const now = new Date();
      let body: string;
      if (kind === 'csv') body = renderCsv(attackers);
      else if (kind === 'blocklist') body = renderBlocklist(attackers, { format, expiresDays, now, blockable: isBlockable });
      else body = JSON.stringify(renderStix(attackers, await loadCampaigns(store, periodBounds(period)), { producer: values.producer as string, now, validDays: expiresDays }), null, 2) + '\n';
      if (out === undefined || out === '-') process.stdout.write(body);
      else await writeFile(out, body);
      await appendAudit(store, { user: `cli:${userInfo().username}`, action: 'export', ok: true, detail: { kind, ...period, format: kind === 'blocklist' ? format : kind, addresses: attackers.length, out: out ?? '-' } });
      return 0;
    } finally {
      await store.close();
    }
  };
}
