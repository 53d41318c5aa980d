import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { VigieError } from '../../core/index.js';
import { loadReportData, periodBounds, renderReport, REPORT_FORMATS, REPORT_LANGS, resolvePeriod } from '../../report/index.js';
import { moduleReports } from '../../registry/module-reports.js';
import { geoDataInfo } from '../../geo/index.js';
import { appendAudit } from '../../store/index.js';
import { coreSettings, parseCommandArgs } from '../args.js';
import { openExistingStore } from './open-store.js';
import { askServer, serverHolding } from './through-server.js';

export const REPORT_HELP = `Usage: vigie report [--from DATE --to DATE] [options]

Writes a committee-ready report of the attacks stored in the database: totals, the origin
split (foreign, domestic, obscured, unknown) with what those words can and cannot mean,
kinds of attack, countries, campaigns, the most attacked pages, and the method and data.

Options:
  --from DATE      first day, YYYY-MM-DD (UTC; default: the first day with data)
  --to DATE        last day, included (default: the last day with data)
  --lang L         en (default) or fr
  --format F       html (default), pdf, md or json; pdf needs the Debian package chromium
  --out FILE       write to FILE (default: stdout, except pdf: vigie-report-FROM-TO-LANG.pdf)
  --db PATH        database file (default ./vigie.duckdb)
  -h, --help       this help`;

/** `vigie report --from DATE --to DATE --lang en|fr --format html|pdf|md|json [--out FILE] [--db PATH]` */
export async function reportCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs('report', argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    lang: { type: 'string', default: 'en' },
    format: { type: 'string', default: 'html' },
    out: { type: 'string' },
    db: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  }, false);
  if (values.help) {
    console.log(REPORT_HELP);
    return 0;
  }
  const lang = oneOf('lang', values.lang as string, REPORT_LANGS);
  const format = oneOf('format', values.format as string, REPORT_FORMATS);
  const db = coreSettings('report', values).db;
  const server = await serverHolding(db);
  if (server) {
    const { body, filename } = await askServer(server, '/api/reports', { from: values.from, to: values.to, lang, format });
    const out = (values.out as string | undefined) ?? (format === 'pdf' ? filename ?? `vigie-report-${lang}.pdf` : undefined);
    if (out === undefined || out === '-') process.stdout.write(body);
    else {
      await writeFile(out, body);
      process.stderr.write(`vigie: report written to ${out}\n`);
    }
    return 0;
  }
  const store = await openExistingStore(db);
  try {
    const period = await resolvePeriod(store, { from: values.from as string | undefined, to: values.to as string | undefined });
    const data = await loadReportData(store, period, geoDataInfo());
    const bounds = periodBounds(period);
    const modules = await moduleReports(store, { from: `${bounds.start.replace(' ', 'T')}Z`, to: `${bounds.end.replace(' ', 'T')}Z` }, lang);
    const report = await renderReport(data, lang, format, modules);
    const out = (values.out as string | undefined) ?? (format === 'pdf' ? `vigie-report-${period.from}-${period.to}-${lang}.pdf` : undefined);
    if (out === undefined || out === '-') process.stdout.write(report.body);
    else await writeFile(out, report.body);
    await appendAudit(store, { user: `cli:${userInfo().username}`, action: 'report', ok: true, detail: { ...period, lang, format, out: out ?? '-' } });
    if (out && out !== '-') process.stderr.write(`vigie: report written to ${out} (${data.totals.attacks.toLocaleString('en-CA')} attacks, ${period.from} to ${period.to})\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** Check an option against its allowed values, with a usage line naming them. */
export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new VigieError('VIGIE_ERR_USAGE', `--${name} takes ${allowed.join(', ')}; got '${value}'`);
  }
  return value as T;
}


