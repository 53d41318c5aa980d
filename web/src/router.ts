/** A parsed location hash: `#/campaigns/c1?x=1` → path ['campaigns', 'c1'], params x=1. */
export interface Route {
  path: string[];
  params: URLSearchParams;
}

/** The current route from `location.hash`. */
export function currentRoute(): Route {
  const raw = location.hash.replace(/^#\/?/, '');
  const [p = '', q = ''] = raw.split('?', 2);
  return { path: p.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(q) };
}

/** A hash link: `href('campaigns', id)` → `#/campaigns/<id>`. */
export function href(...parts: string[]): string {
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}

/** Navigates to a hash link (adds a history entry, like a click). */
export function go(link: string): void {
  if (location.hash === link) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = link;
}
