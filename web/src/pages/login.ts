import { api, ApiError, type Me } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n/index.js';

/** The sign-in page: one token field; the server answers with an HttpOnly session cookie. */
export async function renderLogin(main: HTMLElement, done: (me: Me) => void): Promise<void> {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'login-intro' });
  const message = h('p', { class: 'error', role: 'alert', id: 'login-error' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h('form', { class: 'login-form', novalidate: true },
    h('label', { for: 'token' }, t('login.token')), input, message, submit);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const token = input.value.trim();
    if (!token) { message.textContent = t('login.failed'); input.focus(); return; }
    submit.disabled = true;
    api<Me>('/api/login', { method: 'POST', body: { token } })
      .then((me) => done(me))
      .catch((err: unknown) => {
        message.textContent = err instanceof ApiError && err.status === 429 ? t('login.rateLimited') : t('login.failed');
        submit.disabled = false;
        input.select();
      });
  });
  replace(main, h('div', { class: 'page login' },
    h('h1', {}, t('login.title')),
    h('p', { id: 'login-intro' }, t('login.intro')),
    form));
  input.focus();
}
