import { formatReceipt } from '../crypto/receipt.js';
import type { OpenedMessage, ReportFields } from '../intake.js';
import { REPORT_LANGS, REPORT_TEXT, type ReportError, type ReportLang } from './text.js';

/**
 * The reporter's pages: plain HTML that works without JavaScript, no inline script or style
 * (the strict CSP forbids them), nothing from another origin, every form a POST (nothing
 * typed ever lands in a URL, so not in a history or a proxy's log).
 */
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(lang: ReportLang, title: string, body: string, script = false): string {
  const t = REPORT_TEXT[lang];
  const switcher = REPORT_LANGS.map((l) => (l === lang ? `<strong lang="${l}">${esc(REPORT_TEXT[l].langName)}</strong>` : `<a lang="${l}" hreflang="${l}" href="/report?lang=${l}">${esc(REPORT_TEXT[l].langName)}</a>`)).join(' · ');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,"><meta name="robots" content="noindex, noarchive">
<title>${esc(title)} — ${esc(t.title)}</title><link rel="stylesheet" href="/report/report.css">${script ? '<script src="/report/pow.js" defer></script>' : ''}</head>
<body><nav class="langs">${switcher}</nav><main>${body}</main></body></html>
`;
}

/** The report form, with an error above it (and what the reporter typed kept) when there is one. */
export function formPage(lang: ReportLang, challenge: string, options: { error?: ReportError; values?: Partial<ReportFields>; open: boolean }): string {
  const t = REPORT_TEXT[lang];
  if (!options.open) return page(lang, t.title, `<h1>${esc(t.title)}</h1><p class="error" role="alert">${esc(t.closed)}</p>`);
  const v = options.values ?? {};
  const field = (name: keyof ReportFields, label: string, input: string): string => `<p><label for="${name}">${esc(label)}</label>${input}</p>`;
  const text = (name: keyof ReportFields, max: number): string => `<input type="text" id="${name}" name="${name}" maxlength="${max}" autocomplete="off" value="${esc(v[name] ?? '')}">`;
  return page(lang, t.title, `<h1>${esc(t.title)}</h1>
<p>${esc(t.intro)}</p>
<p class="note">${esc(t.safety)}</p>
${options.error ? `<p class="error" role="alert">${esc(t.errors[options.error])}</p>` : ''}
<form method="post" action="/report?lang=${lang}" enctype="multipart/form-data" id="report-form" accept-charset="utf-8" autocomplete="off">
<input type="hidden" name="challenge" value="${esc(challenge)}"><input type="hidden" name="pow" value="">
<p><label for="what">${esc(t.what)}</label><span class="hint">${esc(t.whatHint)}</span><textarea id="what" name="what" rows="8" maxlength="20000" required>${esc(v.what ?? '')}</textarea></p>
${field('when', t.when, text('when', 500))}
${field('where', t.where, text('where', 500))}
${field('who', t.who, text('who', 2000))}
${field('contact', t.contact, text('contact', 500))}<p class="hint">${esc(t.contactHint)}</p>
<p><label for="files">${esc(t.files)}</label><span class="hint">${esc(t.filesHint)}</span>
<input type="file" id="files" name="files" multiple accept="image/jpeg,image/png,image/gif,image/webp,image/heic,application/pdf,text/plain"></p>
<p class="warning" id="photo-warning">${esc(t.photoWarning)}</p>
<p class="warning" id="receipt-warning"><strong>${esc(t.receiptWarning)}</strong></p>
<noscript><p class="note">${esc(t.noJsWait)}</p></noscript>
<p><button type="submit" id="submit" data-working="${esc(t.powWorking)}">${esc(t.submit)}</button></p>
</form>
<p><a href="/report/follow-up?lang=${lang}">${esc(t.followUpLink)}</a></p>`, true);
}

/** The receipt, shown once. */
export function receiptPage(lang: ReportLang, receipt: string, photoLocation: boolean): string {
  const t = REPORT_TEXT[lang];
  return page(lang, t.thanks, `<h1>${esc(t.thanks)}</h1>
<p>${esc(t.receiptIs)}</p><p class="receipt" id="receipt">${esc(formatReceipt(receipt))}</p>
<p class="warning"><strong>${esc(t.receiptOnce)}</strong></p>
${photoLocation ? `<p class="warning" id="photo-location">${esc(t.photoHadLocation)}</p>` : ''}
<p><a href="/report/follow-up?lang=${lang}">${esc(t.followUpLink)}</a></p>`);
}

/** Where a reporter types their receipt. */
export function followUpPage(lang: ReportLang, error?: ReportError): string {
  const t = REPORT_TEXT[lang];
  return page(lang, t.followUpTitle, `<h1>${esc(t.followUpTitle)}</h1>
${error ? `<p class="error" role="alert">${esc(t.errors[error])}</p>` : ''}
<form method="post" action="/report/follow-up?lang=${lang}" autocomplete="off">
<p><label for="receipt">${esc(t.receipt)}</label><span class="hint">${esc(t.followUpIntro)}</span>
<input type="text" id="receipt" name="receipt" inputmode="numeric" maxlength="100" autocomplete="off" required></p>
<p><button type="submit" id="open">${esc(t.open)}</button></p></form>
<p><a href="/report?lang=${lang}">${esc(t.back)}</a></p>`);
}

/** The conversation: the team's questions and the reporter's answers, and a box to answer. */
export function conversationPage(lang: ReportLang, session: string, messages: readonly OpenedMessage[], sent: boolean): string {
  const t = REPORT_TEXT[lang];
  const items = messages.map((m) => `<li class="${m.from}"><span class="from">${esc(m.from === 'reporter' ? t.fromYou : t.fromTeam)}</span> <time>${esc(m.created_at.slice(0, 10))}</time><p>${esc(m.text)}</p></li>`).join('');
  return page(lang, t.followUpTitle, `<h1>${esc(t.followUpTitle)}</h1>
${sent ? `<p class="ok" role="status">${esc(t.sent)}</p>` : ''}
<h2>${esc(t.messages)}</h2>
${messages.length ? `<ol class="messages" id="messages">${items}</ol>` : `<p id="messages">${esc(t.noMessages)}</p>`}
<form method="post" action="/report/answer?lang=${lang}" autocomplete="off">
<input type="hidden" name="session" value="${esc(session)}">
<p><label for="text">${esc(t.answer)}</label><textarea id="text" name="text" rows="5" maxlength="20000" required></textarea></p>
<p><button type="submit" id="send">${esc(t.send)}</button></p></form>`);
}

/** An error page in the reporter's language. */
export function errorPage(lang: ReportLang, error: ReportError): string {
  const t = REPORT_TEXT[lang];
  return page(lang, t.title, `<h1>${esc(t.title)}</h1><p class="error" role="alert">${esc(t.errors[error])}</p><p><a href="/report?lang=${lang}">${esc(t.back)}</a></p>`);
}

/** The pages' one stylesheet (served as a file: the CSP allows no inline style). */
export const REPORT_CSS = `body{font:16px/1.5 system-ui,"Noto Sans CJK SC","Noto Sans CJK TC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f7f7f5;color:#1b1b1b}
main{max-width:42rem;margin:0 auto;padding:1rem 1.25rem 3rem}
.langs{text-align:right;padding:.5rem 1rem;background:#1d3557;color:#fff}.langs a{color:#fff}
label{display:block;font-weight:600;margin-top:.5rem}.hint{display:block;color:#555;font-size:.9em}
input[type=text],textarea{width:100%;box-sizing:border-box;font:inherit;padding:.4rem;border:1px solid #888;border-radius:4px}
button{font:inherit;padding:.6rem 1.2rem;background:#1d3557;color:#fff;border:0;border-radius:4px;cursor:pointer}
button[disabled]{opacity:.6}
.warning{background:#fff4d6;border-left:4px solid #e0a800;padding:.5rem .75rem}
.error{background:#fde2e1;border-left:4px solid #c0392b;padding:.5rem .75rem}
.ok{background:#e3f4e1;border-left:4px solid #2e7d32;padding:.5rem .75rem}
.note{color:#333}.receipt{font:700 1.6rem/1.4 ui-monospace,monospace;letter-spacing:.08em;background:#fff;border:2px dashed #1d3557;padding:.75rem;text-align:center}
.messages{list-style:none;padding:0}.messages li{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.5rem .75rem;margin:.5rem 0}
.messages li.team{border-left:4px solid #1d3557}.from{font-weight:600}
`;
