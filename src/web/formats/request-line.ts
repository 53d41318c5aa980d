import type { WebEvent } from '../../core/index.js';

/** Methods are tokens; vigie accepts `[A-Z][A-Z0-9_-]{0,31}` (covers WebDAV, `M-SEARCH`...). */
function isMethod(s: string, end: number): boolean {
  if (end < 1 || end > 32) return false;
  const c0 = s.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return false;
  for (let i = 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95)) return false;
  }
  return true;
}

/** Length of `scheme://` at the start of `t` (http, https, ws, wss; any case), else 0. */
function absoluteSchemeLength(t: string): number {
  const sep = t.indexOf('://');
  if (sep < 2 || sep > 5) return 0;
  const scheme = t.slice(0, sep).toLowerCase();
  return scheme === 'http' || scheme === 'https' || scheme === 'ws' || scheme === 'wss' ? sep + 3 : 0;
}

/**
 * Split a request target into `path` and `query` at the first `?`. An absolute-form target
 * (`http://host:port/x?y`: proxy probes, and every ALB entry) puts its authority in `host`,
 * lower-cased, without user-info and without the scheme's default port, because RFC 9112
 * §3.2.2 makes that authority override the Host header; the path keeps only the path.
 *
 * @example
 * const e = emptyEvent(); splitTarget('https://Example.org:443/a?b=1', e);
 * // e.host 'example.org', e.path '/a', e.query 'b=1'
 */
export function splitTarget(target: string, out: WebEvent): void {
  let t = target;
  const schemeLen = t.charCodeAt(0) === 47 ? 0 : absoluteSchemeLength(t);
  if (schemeLen > 0) {
    let end = schemeLen;
    while (end < t.length) {
      const c = t.charCodeAt(end);
      if (c === 47 || c === 63 || c === 35) break;
      end++;
    }
    let authority = t.slice(schemeLen, end).toLowerCase();
    const at = authority.lastIndexOf('@');
    if (at >= 0) authority = authority.slice(at + 1);
    const secure = t.charCodeAt(schemeLen - 4) === 115 || t.charCodeAt(schemeLen - 4) === 83; // `s://`
    const defaultPort = secure ? ':443' : ':80';
    if (authority.endsWith(defaultPort)) authority = authority.slice(0, -defaultPort.length);
    out.host = authority;
    t = end < t.length && t.charCodeAt(end) === 47 ? t.slice(end) : `/${t.slice(end)}`;
  }
  const q = t.indexOf('?');
  if (q < 0) {
    out.path = t;
    out.query = '';
  } else {
    out.path = t.slice(0, q);
    out.query = t.slice(q + 1);
  }
}

/** Common methods and protocols as shared constants: no per-line copy, less memory in batches. */
function method(s: string, end: number): string {
  if (end === 3 && s.startsWith('GET')) return 'GET';
  if (end === 4 && s.startsWith('POST')) return 'POST';
  if (end === 4 && s.startsWith('HEAD')) return 'HEAD';
  return s.slice(0, end);
}

function protocol(s: string, start: number): string {
  if (s.length - start === 8 && s.endsWith('HTTP/1.1')) return 'HTTP/1.1';
  if (s.length - start === 8 && s.endsWith('HTTP/1.0')) return 'HTTP/1.0';
  return s.slice(start);
}

/** `splitTarget` for `s[start..end)` without first copying the target out. */
function splitTargetRange(s: string, start: number, end: number, out: WebEvent): void {
  if (s.charCodeAt(start) !== 47 /* / */) {
    splitTarget(s.slice(start, end), out);
    return;
  }
  const q = s.indexOf('?', start);
  if (q < 0 || q >= end) {
    out.path = s.slice(start, end);
    out.query = '';
  } else {
    out.path = s.slice(start, q);
    out.query = s.slice(q + 1, end);
  }
}

/**
 * Read an (already unescaped) request line `METHOD SP TARGET [SP HTTP/x]` into `out`. The
 * target may contain spaces (nginx logs them raw); the protocol is the last word when it
 * starts with `HTTP/`. Anything else (TLS bytes on port 80, `-`, lowercase methods, a bare
 * word) is kept whole in `path` with `method`, `query` and `protocol` empty: such requests are
 * probe signals, not broken lines.
 *
 * @example
 * const e = emptyEvent(); parseRequestLine('GET /a?b HTTP/1.1', e); // GET, '/a', 'b', 'HTTP/1.1'
 */
export function parseRequestLine(request: string, out: WebEvent): void {
  const sp = request.indexOf(' ');
  if (sp > 0 && isMethod(request, sp)) {
    let end = request.length;
    const last = request.lastIndexOf(' ');
    if (last > sp && request.startsWith('HTTP/', last + 1)) {
      out.protocol = protocol(request, last + 1);
      end = last;
    } else {
      out.protocol = '';
    }
    if (end > sp + 1) {
      out.method = method(request, sp);
      splitTargetRange(request, sp + 1, end, out);
      return;
    }
  }
  out.method = '';
  out.path = request;
  out.query = '';
  out.protocol = '';
}
