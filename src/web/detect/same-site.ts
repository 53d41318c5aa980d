/**
 * Whether a request came from a page of the same site: its Referer names the host the request
 * was sent to (ports aside), a subdomain of it, or a host under the same parent domain
 * (`api.example.com` and `www.example.com`). A site links its own URLs; a link that carries
 * a session id or a payload from another site, or from nowhere, is what an attacker sends.
 */

/**
 * The host of a Referer (`https://www.example.com:8443/a` → `www.example.com`), lower-case;
 * `''` when it has none (a bare path, `-`, garbage).
 *
 * @example
 * refererHost('https://Elections.CA/fr/voter?x=1') // 'elections.ca'
 */
export function refererHost(referer: string): string {
  const m = /^[a-z][a-z0-9+.-]{0,15}:\/\/(?:[^/?#@]*@)?(\[[0-9a-f:.]+\]|[^/?#:]+)/i.exec(referer);
  return m === null ? '' : m[1]!.toLowerCase().replace(/\.$/, '');
}

/** A Host header without its port, lower-case. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.indexOf(':');
  return (colon < 0 ? h : h.slice(0, colon)).replace(/\.$/, '');
}

/**
 * True when the Referer names the same site as the Host: the same host, one a subdomain of the
 * other, or both under the same parent domain (the last two labels; so `a.co.uk` and `b.co.uk`
 * count as one site, a rare mistake on the side of quiet). False without a Host or a Referer
 * host: nothing says the link came from the site.
 *
 * @example
 * sameSite('myapp.com', 'https://myapp.com/previous-page')      // true
 * sameSite('localhost', 'https://localhost.attackersite.com/')  // false
 */
export function sameSite(host: string, referer: string): boolean {
  const a = hostName(host);
  const b = refererHost(referer);
  if (a === '' || b === '') return false;
  if (a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`)) return true;
  if (/^[\d.]+$|^\[/.test(a) || /^[\d.]+$|^\[/.test(b)) return false;
  const parent = (h: string): string => h.split('.').slice(-2).join('.');
  return a.includes('.') && b.includes('.') && parent(a) === parent(b);
}
