import { access, constants } from 'node:fs/promises';
import { VigieError } from '../core/index.js';

/** Where Debian's `chromium` package puts the browser; `VIGIE_CHROMIUM` overrides it. */
export function chromiumPath(): string {
  return process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';
}

/**
 * Print an HTML report to PDF (A4) with headless Chromium, driven by playwright-core. The page
 * is loaded with JavaScript disabled and no network: the report is self-contained.
 */
export async function renderPdf(html: string): Promise<Buffer> {
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
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' } });
  } finally {
    await browser.close();
  }
}
