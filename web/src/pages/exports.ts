import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { PageContext } from '../page.js';

/** The server's and the CLI's default (DEFAULT_EXPIRES_DAYS in src/report/exports/blocklist.ts): one expiry everywhere. */
const DEFAULT_EXPIRES_DAYS = 7;

/** Evidence exports (analyst and admin): STIX 2.1, CSV, blocklists. Viewers see why they cannot. */
export async function renderExports(root: HTMLElement, ctx: PageContext): Promise<void> {
  const allowed = ctx.me.role !== 'viewer';
  root.append(h('h1', {}, t('exports.title')), h('p', { class: 'muted' }, t('exports.intro')));
  if (!allowed) root.append(h('p', { class: 'card warning', id: 'export-reason', 'data-testid': 'export-reason' }, t('exports.viewerReason')));
  root.append(
    h('div', { class: 'exports' },
      item(t('exports.stixTitle'), t('exports.stix'), t('exports.stixHelp'), '/api/export/stix', 'vigie-stix.json', allowed, 'export-stix'),
      item(t('exports.csvTitle'), t('exports.csv'), t('exports.csvHelp'), '/api/export/csv', 'vigie-addresses.csv', allowed, 'export-csv'),
      blocklist(allowed)));
}

function download(label: string, url: string, file: string, allowed: boolean, testId: string): HTMLElement {
  // A plain link with `download`: the browser sends the session cookie and saves the answer.
  if (allowed) return h('a', { class: 'button primary', href: url, download: file, 'data-testid': testId }, label);
  return h('button', { type: 'button', class: 'primary', disabled: true, 'aria-describedby': 'export-reason', 'data-testid': testId }, label);
}

function item(title: string, action: string, help: string, url: string, file: string, allowed: boolean, testId: string): HTMLElement {
  return h('section', { class: 'card export' }, h('h2', {}, title), h('p', {}, help), download(action, url, file, allowed, testId));
}

function blocklist(allowed: boolean): HTMLElement {
  const format = h('select', { id: 'bl-format', disabled: !allowed },
    h('option', { value: 'plain' }, t('exports.formatPlain')),
    h('option', { value: 'nginx' }, t('exports.formatNginx')),
    h('option', { value: 'ipset' }, t('exports.formatIpset')));
  const days = h('input', { id: 'bl-days', type: 'number', min: 1, max: 365, value: DEFAULT_EXPIRES_DAYS, disabled: !allowed });
  const link = download(t('exports.blocklist'), '', 'vigie-blocklist.txt', allowed, 'export-blocklist');
  const update = (): void => {
    const d = Math.min(365, Math.max(1, Number.parseInt(days.value, 10) || DEFAULT_EXPIRES_DAYS));
    const ext = format.value === 'nginx' ? 'conf' : format.value === 'ipset' ? 'ipset' : 'txt';
    link.setAttribute('href', `/api/export/blocklist?format=${format.value}&expires_days=${d}`);
    link.setAttribute('download', `vigie-blocklist.${ext}`);
  };
  if (allowed) { update(); format.addEventListener('change', update); days.addEventListener('input', update); }
  return h('section', { class: 'card export' }, h('h2', {}, t('exports.blocklistTitle')), h('p', {}, t('exports.blocklistHelp')),
    h('div', { class: 'field' }, h('label', { for: 'bl-format' }, t('exports.blocklistFormat')), format),
    h('div', { class: 'field' }, h('label', { for: 'bl-days' }, t('exports.expires')), days), link);
}
