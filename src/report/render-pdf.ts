import { access, constants } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { VigieError } from '../core/index.js';
import type { ReportDocument } from './document.js';
import { esc, renderHtml, sectionId } from './render-html.js';

/** Where Debian's `chromium` package puts the browser; `VIGIE_CHROMIUM` overrides it. */
export function chromiumPath(): string {
  return process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';
}

/** A report longer than this many pages gets a table of contents. */
export const TOC_MIN_PAGES = 5;

/** What the printed page shows under the text: the report's title and `Page 3 of 7`. */
export interface PdfFooter {
  title: string;
  /** The words around the page number and the page count: `['Page ', ' of ']`. */
  pageOf: [string, string];
}

const MARGIN = { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' };

/**
 * The footer template Chromium prints on every page: it fills `pageNumber` and `totalPages`.
 * It is a separate document with tiny default text, so it carries its own size and margins.
 */
export function footerTemplate(footer: PdfFooter): string {
  return `<div style="width:100%;margin:0 16mm;display:flex;justify-content:space-between;font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;font-size:8pt;color:#57606a;border-top:0.5pt solid #d0d7de;padding-top:1.5mm">`
    + `<span>${esc(footer.title)}</span><span>${esc(footer.pageOf[0])}<span class="pageNumber"></span>${esc(footer.pageOf[1])}<span class="totalPages"></span></span></div>`;
}

async function withPage<T>(use: (page: Page) => Promise<T>): Promise<T> {
  const executablePath = chromiumPath();
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new VigieError('VIGIE_ERR_CONFIG', `PDF needs Chromium at ${executablePath}: install the Debian package 'chromium' (apt-get install chromium), or set VIGIE_CHROMIUM; --format html works without it`);
  }
  const { chromium } = await import('playwright-core');
  // playwright gives each launch a fresh, temporary profile of its own.
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    return await use(await context.newPage());
  } finally {
    await browser.close();
  }
}

async function print(page: Page, html: string, footer?: PdfFooter): Promise<Buffer> {
  await page.setContent(html, { waitUntil: 'load' });
  return page.pdf({
    format: 'A4', printBackground: true, margin: MARGIN,
    ...(footer ? { displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footerTemplate(footer) } : {}),
  });
}

/**
 * Print an HTML page to PDF (A4) with headless Chromium, driven by playwright-core. The page
 * is loaded with JavaScript disabled and no network: the report is self-contained.
 */
export async function renderPdf(html: string, footer?: PdfFooter): Promise<Buffer> {
  return withPage((page) => print(page, html, footer));
}

/**
 * Print a report: the title and page numbers in every page's footer and, when it runs over
 * four pages, a table of contents with each section's page. The pages come from the printed
 * PDF itself (its named destinations, one per section anchor), so they are Chromium's own.
 */
export async function renderReportPdf(doc: ReportDocument): Promise<Buffer> {
  const footer: PdfFooter = { title: doc.title, pageOf: doc.print.pageOf };
  return withPage(async (page) => {
    const plain = await print(page, renderHtml(doc), footer);
    if (pdfPageCount(plain) < TOC_MIN_PAGES) return plain;
    // The contents take room: lay them out with stand-in numbers, read where each section
    // landed, then print again with the real numbers (same widths, so the same pages).
    const draft = await print(page, renderHtml(doc, 'placeholder'), footer);
    const pages = pdfDestinationPages(draft);
    const toc = new Map<number, number>();
    doc.sections.forEach((_, i) => {
      const p = pages.get(sectionId(i));
      if (p !== undefined) toc.set(i, p);
    });
    return print(page, renderHtml(doc, toc), footer);
  });
}

/**
 * The pages of a PDF, in order, as object numbers: the page tree walked from the catalogue's
 * `/Pages` (Chromium nests it for long documents). Dictionaries are plain text in its output.
 */
function pageObjects(text: string): number[] {
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*<<([^]*?)>>\s*(?:endobj|stream)/g)) objects.set(Number(m[1]), m[2]!);
  const root = /\/Type\s*\/Catalog[^]*?\/Pages\s+(\d+)\s+0\s+R/.exec(text);
  if (!root) return [];
  const out: number[] = [];
  const walk = (obj: number, depth: number): void => {
    const dict = objects.get(obj) ?? '';
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict);
    if (!kids || depth > 32) {
      out.push(obj);
      return;
    }
    for (const k of kids[1]!.matchAll(/(\d+)\s+0\s+R/g)) walk(Number(k[1]), depth + 1);
  };
  walk(Number(root[1]), 0);
  return out;
}

/** The number of pages of a PDF that Chromium printed. */
export function pdfPageCount(pdf: Buffer): number {
  return pageObjects(pdf.toString('latin1')).length;
}

/**
 * The page (1-based) of each named destination of a PDF printed by Chromium: every element id
 * that a link points to becomes `/name [page 0 R /XYZ x y 0]` in the document's `/Dests`.
 */
export function pdfDestinationPages(pdf: Buffer): Map<string, number> {
  const text = pdf.toString('latin1');
  const order = new Map(pageObjects(text).map((obj, i) => [obj, i + 1]));
  const out = new Map<string, number>();
  for (const m of text.matchAll(/\/([A-Za-z][\w.-]*)\s*\[\s*(\d+)\s+0\s+R\s*\/XYZ/g)) {
    const page = order.get(Number(m[2]));
    if (page !== undefined) out.set(m[1]!, page);
  }
  return out;
}
