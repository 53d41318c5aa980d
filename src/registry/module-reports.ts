import { textFormat, type Lang, type SqlReader } from '../core/module/index.js';
import type { ModuleReport } from '../report/index.js';
import { MODULES } from './index.js';

/**
 * The registered modules' report sections for a period, in their order; a module with nothing
 * for the period is left out. Used by `vigie report` and the server's report route.
 */
export async function moduleReports(reader: SqlReader, range: { from: string; to: string }, lang: Lang): Promise<ModuleReport[]> {
  const out: Array<ModuleReport & { order: number }> = [];
  for (const m of MODULES) {
    if (!m.report) continue;
    const data = await m.report.load(reader, range);
    if (data === null) continue;
    out.push({ name: m.name, order: m.report.order, data, sections: m.report.sections(data, lang, textFormat(lang)) });
  }
  return out.sort((a, b) => a.order - b.order).map(({ order: _order, ...r }) => r);
}
