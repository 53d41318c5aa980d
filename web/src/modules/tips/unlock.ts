import { api, ApiError } from '../../api.js';
import { h, replace } from '../../dom.js';
import { tx } from '../../i18n/index.js';

/** The reporters' languages, named in themselves. */
export const LANG_NAMES: Record<string, string> = { en: 'English', fr: 'Français', 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文' };

/** The unlock form; calls `done` once the key is unlocked. */
export function unlockForm(done: () => void): HTMLElement {
  const pass = h('input', { type: 'password', id: 'tips-passphrase', autocomplete: 'current-password', required: true });
  const code = h('input', { type: 'text', id: 'tips-totp', inputmode: 'numeric', pattern: '[0-9]{6}', maxlength: 6, autocomplete: 'one-time-code', required: true });
  const status = h('p', { role: 'status', class: 'muted' });
  const form = h('form', { class: 'card', 'data-testid': 'tips-unlock' },
    h('h2', {}, tx('tips.unlockTitle')), h('p', { class: 'muted' }, tx('tips.unlockIntro')),
    h('label', { for: 'tips-passphrase' }, tx('tips.passphrase')), pass,
    h('label', { for: 'tips-totp' }, tx('tips.totp')), code,
    h('p', {}, h('button', { type: 'submit' }, tx('tips.unlock'))), status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    api('/api/tips/unlock', { method: 'POST', body: { passphrase: pass.value, totp: code.value } })
      .then(() => { pass.value = ''; done(); })
      .catch((err: unknown) => replace(status, err instanceof ApiError ? err.message : String(err)));
  });
  return form;
}

