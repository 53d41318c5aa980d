import { api, setUnauthorisedHandler, type Me } from './api.js';
import { h, replace } from './dom.js';
import { initialLang, lang, onLangChange, setLang, t, type MessageKey } from './i18n/index.js';
import { currentRoute, go, href } from './router.js';
import { renderLogin } from './pages/login.js';
import { renderOverview } from './pages/overview.js';
import { renderMap } from './pages/map.js';
import { renderCampaigns } from './pages/campaigns.js';
import { renderCampaign } from './pages/campaign.js';
import { renderFindings } from './pages/findings.js';
import { renderFinding } from './pages/finding.js';
import { renderLive } from './pages/live.js';
import { renderExports } from './pages/exports.js';
import type { Page } from './page.js';
import { DASHBOARD_MODULES } from './modules/index.js';
import { addMessages, tx } from './i18n/index.js';

const NAV: Array<[string, MessageKey, Page]> = [
  ['overview', 'nav.overview', renderOverview],
  ['map', 'nav.map', renderMap],
  ['campaigns', 'nav.campaigns', renderCampaigns],
  ['findings', 'nav.findings', renderFindings],
  ['live', 'nav.live', renderLive],
  ['exports', 'nav.exports', renderExports],
];

let me: Me | null = null;
let cleanup: (() => void) | void = undefined;
let renderSeq = 0;
// After a language switch the header is redrawn: keep keyboard focus on the toggle.
let refocusToggle = false;

for (const m of DASHBOARD_MODULES) addMessages(m.messages);
/** The modules' navigation entries, after the web pages. */
const MODULE_NAV = DASHBOARD_MODULES.flatMap((m) => m.nav);

function pageFor(path: string[]): Page {
  const [first = 'overview', second] = path;
  if (first === 'campaigns' && second) return renderCampaign;
  if (first === 'findings' && second) return renderFinding;
  for (const m of DASHBOARD_MODULES) {
    const page = m.route?.(path);
    if (page) return page;
  }
  return NAV.find(([name]) => name === first)?.[2] ?? MODULE_NAV.find((n) => n.id === first)?.page ?? renderOverview;
}

function header(): HTMLElement {
  const route = currentRoute();
  const section = route.path[0] ?? 'overview';
  const other = lang() === 'en-CA' ? 'fr-CA' : 'en-CA';
  const toggle = h('button', { type: 'button', class: 'lang-toggle', lang: other, 'aria-label': t('lang.otherLabel'), 'data-testid': 'lang-toggle' }, t('lang.other'));
  toggle.addEventListener('click', () => { refocusToggle = true; setLang(other); });
  const entries: Array<[string, string]> = [...NAV.map(([name, key]): [string, string] => [name, t(key)]), ...MODULE_NAV.map((n): [string, string] => [n.id, tx(n.label)])];
  const nav = me ? h('nav', { 'aria-label': t('nav.label') }, h('ul', {}, ...entries.map(([name, label]) =>
    h('li', {}, h('a', { href: href(name), 'aria-current': section === name ? 'page' : undefined }, label))))) : null;
  let user: HTMLElement | null = null;
  if (me) {
    const logout = h('button', { type: 'button', class: 'link' }, t('user.logout'));
    logout.addEventListener('click', () => { void signOut(); });
    user = h('div', { class: 'user' }, h('span', {}, t('user.signedIn', { name: me.name, role: t(`role.${me.role}`) })), logout);
  }
  return h('div', { class: 'bar' },
    h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), h('span', { class: 'name' }, t('app.name')),
      h('span', { class: 'tagline' }, t('app.tagline'))),
    nav, h('div', { class: 'tools' }, user, toggle));
}

function footer(): HTMLElement {
  return h('p', {}, 'vigie · Apache-2.0 · ',
    h('a', { href: 'https://db-ip.com', rel: 'noopener', target: '_blank' }, 'IP Geolocation by DB-IP'), ' (CC BY 4.0) · ',
    t('footer.map'), ' · ', t('footer.times'));
}

async function signOut(): Promise<void> {
  try { await api('/api/logout', { method: 'POST' }); } catch { /* signed out locally anyway */ }
  me = null;
  go('#/login');
}

async function render(): Promise<void> {
  const seq = ++renderSeq;
  if (typeof cleanup === 'function') cleanup();
  cleanup = undefined;
  const route = currentRoute();
  const main = document.getElementById('main') as HTMLElement;
  const skip = document.getElementById('skip') as HTMLAnchorElement;
  skip.textContent = t('app.skip');
  if (!me && route.path[0] !== 'login') {
    try { me = await api<Me>('/api/me'); } catch { me = null; }
  }
  if (seq !== renderSeq) return;
  replace(document.getElementById('header') as HTMLElement, header());
  replace(document.getElementById('footer') as HTMLElement, footer());
  if (!me || route.path[0] === 'login') {
    document.title = `${t('login.title')} · vigie`;
    await renderLogin(main, (who) => { me = who; go('#/overview'); });
    return;
  }
  replace(main, h('p', { class: 'muted', role: 'status' }, t('common.loading')));
  const page = pageFor(route.path);
  const root = h('div', { class: 'page' });
  try {
    cleanup = await page(root, { me, path: route.path, params: route.params });
  } catch (err) {
    replace(root, h('p', { class: 'error', role: 'alert' }, t('common.error', { message: err instanceof Error ? err.message : String(err) })));
  }
  if (seq !== renderSeq) { if (typeof cleanup === 'function') cleanup(); return; }
  replace(main, root);
  const title = root.querySelector('h1');
  document.title = `${title?.textContent ?? ''} · vigie`;
  // Move focus to the new page's heading so keyboard and screen-reader users land on it.
  if (refocusToggle) {
    refocusToggle = false;
    (document.querySelector('[data-testid=lang-toggle]') as HTMLElement | null)?.focus();
  } else if (title) {
    title.setAttribute('tabindex', '-1');
    title.focus({ preventScroll: true });
  }
}

function start(): void {
  // The skip link must not change the hash: the hash is the route.
  document.getElementById('skip')?.addEventListener('click', (ev) => {
    ev.preventDefault();
    (document.getElementById('main') as HTMLElement).focus();
  });
  setLang(initialLang());
  setUnauthorisedHandler(() => { if (me) { me = null; go('#/login'); } });
  onLangChange(() => { void render(); });
  window.addEventListener('hashchange', () => { void render(); });
  void render();
}

start();
