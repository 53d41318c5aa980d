/** What the site's own traffic says about one path (see own-resources.ts). */
export interface PathEvidence {
  path: string;
  /** Distinct clients that got a 2xx or 304 for it, not counting clients flagged on other paths. */
  servedClients: number;
  /** Distinct clients that came to it by a link on one of the site's own pages (same exception). */
  linkedClients: number;
  /** One such page (its path), for the reason. */
  linkingPage: string | null;
  /** The folder it sits in (`/blog/tags/`); null at the root. */
  folder: string | null;
  /** Other pages of that folder the site serves, without a finding, to several clients. */
  folderPages: number;
}

/**
 * Classes whose findings on a path name a resource (a console, a file, an extension): they
 * are set aside when the site serves the path and links it or lists it among its pages.
 */
const RESOURCE_CLASSES = new Set(['admin_probe', 'sensitive_file', 'protocol']);
/** Least number of distinct clients whose 2xx (or whose following a link) makes a path the site's. */
export const MIN_CLIENTS = 3;
/** Pages of a folder that make it a collection of the site's pages (tags, articles, files). */
export const MIN_FOLDER_PAGES = 5;

/**
 * The reason to set aside a finding of `findingClass` on `e.path`, or null to keep it.
 *
 * - A resource probe (admin, sensitive file, restricted extension) is the site's own page
 *   when the site answered it with success to {@link MIN_CLIENTS} clients or more, and either
 *   its own pages link it or its folder holds {@link MIN_FOLDER_PAGES} other pages it serves.
 *   Clients flagged on other paths are not counted: a scanner's 200s (a site that answers 200
 *   to everything) and forged Referers say nothing. A leaked `/.env` is answered to attackers
 *   but linked by no page and sits in no folder of pages.
 * - A payload in the path (SQL, script, a shell snippet) is the site's own broken link when
 *   {@link MIN_CLIENTS} clients or more followed it from the site's own pages, whatever the
 *   answer: an attacker does not make the site link his payload.
 *
 * @example
 * decideOwnResource('admin_probe', { path: '/blog/tags/shell', servedClients: 4, linkedClients: 0, linkingPage: null, folder: '/blog/tags/', folderPages: 23 })
 * // 'set aside: the site serves /blog/tags/shell (2xx to 4 clients) among 23 other pages of /blog/tags/'
 */
export function decideOwnResource(findingClass: string, e: PathEvidence): string | null {
  const linked = e.linkedClients > 0 ? ` and links it from its own pages (${e.linkingPage}; ${e.linkedClients} client${e.linkedClients === 1 ? '' : 's'} followed)` : '';
  if (RESOURCE_CLASSES.has(findingClass)) {
    if (e.servedClients < MIN_CLIENTS) return null;
    const served = `the site serves ${e.path} (2xx to ${e.servedClients} clients)`;
    if (e.linkedClients > 0) return `set aside: ${served}${linked}`;
    if (e.folder !== null && e.folderPages >= MIN_FOLDER_PAGES) return `set aside: ${served} among ${e.folderPages} other pages of ${e.folder}`;
    return null;
  }
  if (e.linkedClients >= MIN_CLIENTS) return `set aside: ${e.linkedClients} clients followed a link to ${e.path} on the site's own pages (${e.linkingPage})`;
  return null;
}
