import { buildReportDocument, type ModuleReport } from './document.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { renderReportPdf } from './render-pdf.js';
import type { ReportData } from './report-data.js';
import type { ReportLang } from './text/index.js';

export type ReportFormat = 'html' | 'pdf' | 'md' | 'json';

export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'md', 'json'];

export interface RenderedReport {
  body: string | Buffer;
  contentType: string;
  extension: string;
}

/**
 * A committee report in one language and format. JSON carries the figures themselves (for
 * scripts); the other formats lay them out with the same text.
 *
 * @example
 * const { body } = await renderReport(await loadReportData(store, period, geo), 'fr', 'pdf');
 */
export async function renderReport(data: ReportData, lang: ReportLang, format: ReportFormat, modules: readonly ModuleReport[] = []): Promise<RenderedReport> {
  switch (format) {
    case 'json':
      return { body: JSON.stringify({ lang, ...data, ...(modules.length > 0 ? { modules: Object.fromEntries(modules.map((m) => [m.name, m.data])) } : {}) }, null, 2) + '\n', contentType: 'application/json; charset=utf-8', extension: 'json' };
    case 'md':
      return { body: renderMarkdown(buildReportDocument(data, lang, modules)), contentType: 'text/markdown; charset=utf-8', extension: 'md' };
    case 'html':
      return { body: renderHtml(buildReportDocument(data, lang, modules)), contentType: 'text/html; charset=utf-8', extension: 'html' };
    case 'pdf':
      return { body: await renderReportPdf(buildReportDocument(data, lang, modules)), contentType: 'application/pdf', extension: 'pdf' };
  }
}
