import type { Me } from './api.js';

/** What a page gets: where to draw, who is signed in, and the route's parts. */
export interface PageContext {
  me: Me;
  path: string[];
  params: URLSearchParams;
}

/** A page draws itself into `root`; it may return a function that stops its timers/streams. */
export type Page = (root: HTMLElement, ctx: PageContext) => Promise<(() => void) | void>;

/**
 * A module's part of the dashboard (`web/src/modules/<name>/`): its texts in both languages,
 * its entries in the main navigation, and the pages under its route (`#/<id>/...`). The
 * module list is `web/src/modules/index.ts`; the shell (main.ts) loops over it.
 *
 * @example
 * export const financePages: DashboardModule = {
 *   name: 'finance',
 *   messages: { 'en-CA': { 'finance.nav': 'Financing' }, 'fr-CA': { 'finance.nav': 'Financement' } },
 *   nav: [{ id: 'finance', label: 'finance.nav', page: renderRecipients }],
 *   route: (path) => (path[0] === 'finance' && path[1] ? renderRecipient : undefined),
 * };
 */
export interface DashboardModule {
  name: string;
  /** Texts by language; keys start with the module's name. Both languages hold the same keys. */
  messages: { 'en-CA': Record<string, string>; 'fr-CA': Record<string, string> };
  nav: Array<{ id: string; label: string; page: Page }>;
  /** The page for a deeper route of the module (`#/finance/recipients/123`), if it has one. */
  route?: (path: string[]) => Page | undefined;
}
