const TRACKING = /^(utm_[a-z]+|fbclid|gclid|igshid|mc_cid|mc_eid|ref_src|s|si|spm|share_source)$/i;

/**
 * A link as compared: scheme and `www.` dropped, host lower case, tracking parameters
 * (`utm_*`, `fbclid`, ...) removed, AMP variants (`/amp/`, `.amp`, `?amp`) and trailing
 * slashes folded, fragment dropped. A shortened link is expanded when `expansions` knows it
 * (the data's own expanded links; nothing is fetched). Empty text is no link (null).
 *
 * @example
 * normaliseUrl('https://www.Example.ca/news/amp/story/?utm_source=x#top') // 'example.ca/news/story'
 */
export function normaliseUrl(raw: string, expansions?: ReadonlyMap<string, string>): string | null {
  let text = raw.trim();
  if (text === '') return null;
  text = expansions?.get(text) ?? text;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return raw.trim().toLowerCase();
  }
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile|amp)\./, '');
  const params = [...url.searchParams.entries()].filter(([k]) => !TRACKING.test(k) && k.toLowerCase() !== 'amp').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let path = url.pathname.replace(/\/amp(\/|$)/i, '/').replace(/\.amp(\.html)?$/i, '$1').replace(/\/+$/, '');
  if (path === '') path = '';
  const query = params.length > 0 ? `?${params.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
  return `${host}${path}${query}`;
}
