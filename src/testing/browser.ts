import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { runCli } from './run-cli.js';

// What every browser test shares: Debian's Chromium, headless, with nothing that reaches
// the network, a user made with `vigie user add`, the sign-in form, and the page's script
// errors and CSP violations collected as failures.

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface DashboardBrowserOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  timezoneId?: string;
}

/** A browser profile in `dir/profile`, as an analyst in Toronto would have it, downloads allowed. */
export function launchDashboardBrowser(dir: string, options: DashboardBrowserOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, acceptDownloads: true,
    viewport: options.viewport ?? { width: 1366, height: 900 },
    locale: options.locale ?? 'en-CA',
    timezoneId: options.timezoneId ?? 'America/Toronto',
  });
}

/** A browser for tests that make one context per visitor (reporters with their own language). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** The context's first page (a persistent context opens with one). */
export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? await context.newPage();
}

/**
 * Push every script error and console error of `page` into `problems`, but the failed
 * fetches whose status a test provokes on purpose (401/403 by default: signed-out calls).
 */
export function collectProblems(page: Page, problems: string[], options: { expectedStatus?: RegExp; label?: string } = {}): void {
  const expected = options.expectedStatus ?? /Failed to load resource: .*40[13]/;
  const label = options.label ? `${options.label}: ` : '';
  page.on('console', (m) => { if (m.type() === 'error' && !expected.test(m.text())) problems.push(label + m.text()); });
  page.on('pageerror', (e) => problems.push(label + e.message));
}

/** A user made as an administrator would: `vigie user add` prints the token alone on its last line. */
export async function cliUserToken(db: string, name: string, role: string): Promise<string> {
  const made = await runCli(['user', 'add', name, '--role', role, '--db', db]);
  assert.equal(made.code, 0, made.stderr);
  return made.stdout.trim().split('\n').pop()!.trim();
}

/** Sign in through the English form at `url/#/login`; waits for `ready` (by default the main menu). */
export async function signIn(page: Page, url: string, token: string, ready: (page: Page) => Locator = (p) => p.getByRole('navigation', { name: 'Main' })): Promise<void> {
  await page.goto(`${url}/#/login`);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await ready(page).waitFor();
}
