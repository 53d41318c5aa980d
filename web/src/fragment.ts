import { h } from './dom.js';
import { fmtInt } from './format.js';
import { t } from './i18n/index.js';

// A behaviour finding's fragment is a summary its detector writes (src/web/behaviour/make-finding.ts):
// "12 req, 6 paths, 1 client in 60 s: /a /b …". Its words are the interface's, not the log's.
const PEAK = /^(\d+) req, (\d+) paths, (\d+) clients? in (\d+) s(?:: (.*))?$/s;

/**
 * A finding's matched fragment: text from the log as code; a behaviour summary in the
 * reader's language, with only its paths (data from the log) as code.
 * @example fragmentView('12 req, 6 paths, 1 client in 60 s: /a /b') // "12 requests, 6 paths, 1 client in 60 s: <code>/a /b</code>"
 */
export function fragmentView(fragment: string, opts: { inline?: boolean } = {}): HTMLElement {
  const cls = opts.inline ? 'fragment' : undefined;
  const m = PEAK.exec(fragment);
  if (!m) return h('code', { class: cls }, fragment);
  const [, requests, paths, clients, secs, shown] = m;
  const head = t('fragment.peak', {
    requests: fmtInt(Number(requests)), paths: fmtInt(Number(paths)), secs: fmtInt(Number(secs)),
    clients: t(Number(clients) === 1 ? 'fragment.client' : 'fragment.clients', { n: fmtInt(Number(clients)) }),
  });
  return h('span', { class: cls }, head, shown ? t('fragment.then') : '', shown ? h('code', {}, shown) : '');
}
