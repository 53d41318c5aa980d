import { h } from './dom.js';
import { t, tOr } from './i18n/index.js';

/**
 * Where in a request a finding was made, in the reader's language: `user_agent` → "User agent",
 * `query:q` → "Query parameter" and the parameter's name as code (it is data from the log).
 * An unknown part is shown as code too, never as if it were a word of the interface.
 * @example locationLabel('query:id') // <span>Query parameter <code>id</code></span>
 */
export function locationLabel(location: string | null | undefined): HTMLElement {
  const raw = location ?? '';
  const at = raw.indexOf(':');
  const kind = at < 0 ? raw : raw.slice(0, at);
  const name = at < 0 ? '' : raw.slice(at + 1);
  if (name && (kind === 'query' || kind === 'header')) {
    return h('span', { class: 'location' }, t(kind === 'query' ? 'location.queryParam' : 'location.header'), ' ', h('code', {}, name));
  }
  const label = tOr('location', kind);
  return label === kind ? h('span', { class: 'location' }, h('code', {}, raw)) : h('span', { class: 'location' }, label);
}
