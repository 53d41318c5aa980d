import { api, ApiError } from '../../api.js';
import { h, replace, table } from '../../dom.js';
import { fmtDateTime, fmtInt } from '../../format.js';
import { tx } from '../../i18n/index.js';
import type { DashboardModule, PageContext } from '../../page.js';
import { href } from '../../router.js';
import { CASES_MESSAGES, renderCase, renderCases } from './cases.js';
import { LANG_NAMES, unlockForm } from './unlock.js';

/**
 * The tips inbox in the dashboard: reports (language, status, counts) for analysts; reading
 * one needs the reader's key, unlocked here with their passphrase and TOTP code and held by
 * the server for the session only. Everything a reporter wrote is set as text, never HTML.
 */
interface InboxRow { id: string; received: string; lang: string; status: string; attachments: number; messages: number; from_reporter: number; photo_location: boolean; cases: string[] | null }
interface Attachment { n: number; name: string; kind: string; bytes: number; exif: boolean; gps: boolean }
interface Message { id: string; from: 'reporter' | 'team'; author: string; text: string; created_at: string }
interface Report { id: string; received: string; lang: string; status: string; fields: Record<'what' | 'when' | 'where' | 'who' | 'contact', string>; attachments: Attachment[]; messages: Message[]; notes: Array<{ author: string; text: string; created_at: string }> }

const STATUSES = ['new', 'triaged', 'in_case', 'closed', 'spam'];

async function renderInbox(root: HTMLElement, _ctx: PageContext): Promise<void> {
  const { reports } = await api<{ reports: InboxRow[] }>('/api/tips/reports');
  root.append(h('h1', {}, tx('tips.title')), h('p', { class: 'muted' }, tx('tips.intro')));
  if (reports.length === 0) { root.append(h('p', { class: 'card' }, tx('tips.empty'))); return; }
  const rows = reports.map((r) => [
    h('a', { href: href('tips', r.id), 'data-testid': 'tips-report-link' }, r.id.slice(0, 8)),
    fmtDateTime(r.received), LANG_NAMES[r.lang] ?? r.lang, tx(`tips.status.${r.status}`),
    fmtInt(r.attachments) + (r.photo_location ? ` · ${tx('tips.gps')}` : ''), fmtInt(r.messages),
    h('span', {}, ...(r.cases ?? []).flatMap((c, i) => [i > 0 ? ', ' : null, h('a', { href: href('cases', c) }, c)])),
  ]);
  root.append(h('div', { class: 'card table-wrap' }, table(tx('tips.title'), [
    tx('tips.report'), tx('tips.received'), tx('tips.lang'), tx('tips.statusLabel'), tx('tips.files'), tx('tips.messages'), tx('tips.cases'),
  ], rows, { numCols: [4, 5], captionHidden: true })));
}

async function renderReport(root: HTMLElement, ctx: PageContext): Promise<void> {
  const id = ctx.path[1]!;
  const body = h('div', {});
  root.append(h('p', {}, h('a', { href: href('tips') }, tx('tips.back'))), body);
  const draw = async (): Promise<void> => {
    let report: Report;
    try {
      report = await api<Report>(`/api/tips/reports/${encodeURIComponent(id)}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VIGIE_ERR_TIPS_KEY') { replace(body, unlockForm(() => void draw()), h('p', { class: 'muted' }, err.message)); return; }
      throw err;
    }
    const field = (key: keyof Report['fields']): HTMLElement[] => [h('dt', {}, tx(`tips.field.${key}`)), h('dd', { lang: report.lang, 'data-testid': `tips-field-${key}` }, report.fields[key] || '—')];
    const status = h('select', { id: 'tips-status', 'aria-label': tx('tips.statusLabel') }, ...STATUSES.map((s) => h('option', { value: s, selected: s === report.status }, tx(`tips.status.${s}`))));
    status.addEventListener('change', () => void api(`/api/tips/reports/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status: status.value } }));
    const reply = h('textarea', { id: 'tips-reply', rows: 4, maxlength: 20000, required: true });
    const form = h('form', { class: 'card', 'data-testid': 'tips-reply-form' }, h('label', { for: 'tips-reply' }, tx('tips.reply')), reply, h('p', {}, h('button', { type: 'submit' }, tx('tips.send'))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void api(`/api/tips/reports/${encodeURIComponent(id)}/messages`, { method: 'POST', body: { text: reply.value } }).then(() => draw());
    });
    const note = h('textarea', { id: 'tips-note', rows: 3, maxlength: 20000, required: true });
    const noteForm = h('form', { class: 'card', 'data-testid': 'tips-note-form' }, h('h2', {}, tx('tips.notes')), h('p', { class: 'muted' }, tx('tips.notesIntro')),
      report.notes.length ? h('ul', { 'data-testid': 'tips-notes' }, ...report.notes.map((n) => h('li', {}, h('strong', {}, n.author), ` · ${fmtDateTime(n.created_at)} `, h('p', {}, n.text)))) : null,
      h('label', { for: 'tips-note' }, tx('tips.addNote')), note, h('p', {}, h('button', { type: 'submit' }, tx('tips.save'))));
    noteForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void api(`/api/tips/reports/${encodeURIComponent(id)}/notes`, { method: 'POST', body: { text: note.value } }).then(() => draw());
    });
    replace(body,
      h('h1', {}, `${tx('tips.report')} ${report.id.slice(0, 8)}`),
      h('p', { class: 'muted' }, `${fmtDateTime(report.received)} · ${LANG_NAMES[report.lang] ?? report.lang} · `, status),
      h('dl', { class: 'card' }, ...field('what'), ...field('when'), ...field('where'), ...field('who'), ...field('contact')),
      report.attachments.length ? h('div', { class: 'card' }, h('h2', {}, tx('tips.files')), h('ul', {}, ...report.attachments.map((a) => h('li', {},
        h('a', { href: `/api/tips/reports/${encodeURIComponent(id)}/attachments/${a.n}`, download: a.name }, a.name),
        ` (${a.kind}, ${fmtInt(a.bytes)} B)`, a.gps ? h('strong', {}, ` ${tx('tips.gpsWarning')}`) : a.exif ? ` ${tx('tips.exif')}` : '')))) : null,
      h('div', { class: 'card' }, h('h2', {}, tx('tips.messages')), report.messages.length ? h('ol', { 'data-testid': 'tips-messages' }, ...report.messages.map((m) =>
        h('li', {}, h('strong', {}, m.from === 'reporter' ? tx('tips.fromReporter') : m.author), ` · ${m.created_at.slice(0, 10)} `, h('p', { lang: m.from === 'reporter' ? report.lang : undefined }, m.text)))) : h('p', { class: 'muted' }, tx('tips.noMessages'))),
      form, noteForm);
  };
  await draw();
}

export const tipsPages: DashboardModule = {
  name: 'tips',
  messages: {
    'en-CA': {
      'tips.nav': 'Reports', 'tips.title': 'Intimidation reports', 'tips.intro': 'Reports sent through the public form at /report. Their content is sealed: unlock your key to read one.',
      'tips.empty': 'No reports yet.', 'tips.report': 'Report', 'tips.received': 'Received (hour)', 'tips.lang': 'Language', 'tips.statusLabel': 'Status', 'tips.files': 'Files',
      'tips.messages': 'Messages', 'tips.cases': 'Cases', 'tips.gps': 'location in a photo', 'tips.back': '← All reports',
      'tips.unlockTitle': 'Unlock your key', 'tips.unlockIntro': 'Reports are sealed to your key. Your passphrase and a code from your authenticator app unlock it for this session.',
      'tips.passphrase': 'Passphrase', 'tips.totp': 'Authenticator code (6 digits)', 'tips.unlock': 'Unlock',
      'tips.field.what': 'What happened', 'tips.field.when': 'When', 'tips.field.where': 'Where', 'tips.field.who': 'Who was involved', 'tips.field.contact': 'How to reach them',
      'tips.gpsWarning': 'carries a GPS location', 'tips.exif': 'has Exif metadata', 'tips.fromReporter': 'Reporter', 'tips.noMessages': 'No messages yet.',
      'tips.reply': 'Write to the reporter (they read it with their receipt)', 'tips.send': 'Send',
      'tips.notes': 'Team notes', 'tips.notesIntro': 'Translations and context for the team, sealed to each recipient: the reporter never sees them.', 'tips.addNote': 'Add a note', 'tips.save': 'Save',
      'tips.status.new': 'new', 'tips.status.triaged': 'triaged', 'tips.status.in_case': 'in a case', 'tips.status.closed': 'closed', 'tips.status.spam': 'spam',
      ...CASES_MESSAGES['en-CA'],
    },
    'fr-CA': {
      'tips.nav': 'Signalements', 'tips.title': 'Signalements d’intimidation', 'tips.intro': 'Signalements envoyés par le formulaire public /report. Leur contenu est scellé : déverrouillez votre clé pour en lire un.',
      'tips.empty': 'Aucun signalement pour l’instant.', 'tips.report': 'Signalement', 'tips.received': 'Reçu (heure)', 'tips.lang': 'Langue', 'tips.statusLabel': 'Statut', 'tips.files': 'Fichiers',
      'tips.messages': 'Messages', 'tips.cases': 'Dossiers', 'tips.gps': 'position dans une photo', 'tips.back': '← Tous les signalements',
      'tips.unlockTitle': 'Déverrouiller votre clé', 'tips.unlockIntro': 'Les signalements sont scellés pour votre clé. Votre phrase de passe et un code de votre application d’authentification la déverrouillent pour cette session.',
      'tips.passphrase': 'Phrase de passe', 'tips.totp': 'Code d’authentification (6 chiffres)', 'tips.unlock': 'Déverrouiller',
      'tips.field.what': 'Ce qui s’est passé', 'tips.field.when': 'Quand', 'tips.field.where': 'Où', 'tips.field.who': 'Personnes impliquées', 'tips.field.contact': 'Comment joindre la personne',
      'tips.gpsWarning': 'contient une position GPS', 'tips.exif': 'contient des métadonnées Exif', 'tips.fromReporter': 'Auteur du signalement', 'tips.noMessages': 'Aucun message pour l’instant.',
      'tips.reply': 'Écrire à l’auteur du signalement (il le lit avec son reçu)', 'tips.send': 'Envoyer',
      'tips.notes': 'Notes de l’équipe', 'tips.notesIntro': 'Traductions et contexte pour l’équipe, scellés pour chaque destinataire : l’auteur du signalement ne les voit jamais.', 'tips.addNote': 'Ajouter une note', 'tips.save': 'Enregistrer',
      'tips.status.new': 'nouveau', 'tips.status.triaged': 'trié', 'tips.status.in_case': 'dans un dossier', 'tips.status.closed': 'fermé', 'tips.status.spam': 'pourriel',
      ...CASES_MESSAGES['fr-CA'],
    },
  },
  nav: [{ id: 'tips', label: 'tips.nav', page: renderInbox }, { id: 'cases', label: 'cases.nav', page: renderCases }],
  route: (path) => (path[0] === 'tips' && path[1] ? renderReport : path[0] === 'cases' && path[1] ? renderCase : undefined),
};
