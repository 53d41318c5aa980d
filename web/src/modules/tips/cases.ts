import { api, ApiError } from '../../api.js';
import { h, replace, table, type Child } from '../../dom.js';
import { fmtDateTime, fmtInt } from '../../format.js';
import { tx } from '../../i18n/index.js';
import type { PageContext } from '../../page.js';
import { go, href } from '../../router.js';
import { LANG_NAMES, unlockForm } from './unlock.js';

/**
 * Cases in the dashboard: the list (status, owner, what each links: reports, web campaigns,
 * financing alerts, influence groups) and one case with its timeline (reports received and
 * added, links, notes, status and owner changes, exports, re-sharing). Titles and notes are
 * sealed: the server opens them with the reader's unlocked key, for this session only. All
 * text is set as text, never HTML.
 */
interface CaseSummary { id: string; title: string | null; status: string; owner: string | null; created_at: string; created_by: string; reports: number; notes: number; links: Record<string, number> }
interface TimelineEntry {
  at: string; kind: string; actor: string | null; report?: string; module?: string; subject_kind?: string; subject_id?: string;
  status?: string; owner?: string | null; recipient?: string; text?: string;
}
interface CaseLink { module: string; kind: string; subject_id: string; added_at: string; added_by: string }
interface ReadCase {
  id: string; title: string; status: string; owner: string | null; created_at: string; created_by: string;
  report_rows: Array<{ id: string; lang: string | null; status: string | null; received: string | null }>;
  links: CaseLink[]; timeline: TimelineEntry[];
}

const CASE_STATUSES = ['open', 'monitoring', 'referred', 'closed'];
/** The subjects a case may link, as the API accepts them (LINK_KINDS in src/tips/api/routes.ts). */
const LINK_KINDS = ['web.campaign', 'web.client', 'web.finding', 'finance.alert', 'finance.recipient', 'influence.group', 'influence.narrative', 'influence.account', 'tips.case'];

const short = (id: string): string => id.slice(0, 8);

/** A linked subject, as a link where the dashboard has a page for it. */
function subjectLink(module: string, kind: string, id: string): Child {
  if (module === 'web' && kind === 'campaign') return h('a', { href: href('campaigns', id) }, id);
  if (module === 'web' && kind === 'finding') return h('a', { href: href('findings', id) }, id);
  if (module === 'tips' && kind === 'case') return h('a', { href: href('cases', id) }, id);
  return h('code', {}, id);
}

export async function renderCases(root: HTMLElement, _ctx: PageContext): Promise<void> {
  const body = h('div', {});
  root.append(h('h1', {}, tx('cases.title')), h('p', { class: 'muted' }, tx('cases.intro')), body);
  const draw = async (): Promise<void> => {
    const { cases } = await api<{ cases: CaseSummary[] }>('/api/tips/cases');
    const locked = cases.some((c) => c.title === null);
    const title = h('input', { type: 'text', id: 'case-title', maxlength: 500, required: true });
    const status = h('p', { role: 'status', class: 'error' });
    const open = h('form', { class: 'card', 'data-testid': 'case-open-form' },
      h('label', { for: 'case-title' }, tx('cases.newTitle')), title, h('p', {}, h('button', { type: 'submit' }, tx('cases.open'))), status);
    open.addEventListener('submit', (event) => {
      event.preventDefault();
      api<{ id: string }>('/api/tips/cases', { method: 'POST', body: { title: title.value } })
        .then(({ id }) => go(href('cases', id)))
        .catch((err: unknown) => replace(status, err instanceof Error ? err.message : String(err)));
    });
    const n = (c: CaseSummary, ...keys: string[]): string => fmtInt(keys.reduce((sum, k) => sum + (c.links[k] ?? 0), 0));
    const rows = cases.map((c) => [
      h('a', { href: href('cases', c.id), 'data-testid': 'case-link' }, c.title ?? c.id),
      tx(`cases.status.${c.status}`), c.owner ?? '—', fmtInt(c.reports), n(c, 'web.campaign'), n(c, 'finance.alert', 'finance.recipient'),
      n(c, 'influence.group', 'influence.narrative', 'influence.account'), fmtInt(c.notes), fmtDateTime(c.created_at),
    ]);
    replace(body,
      cases.length === 0 ? h('p', { class: 'card' }, tx('cases.empty')) : h('div', { class: 'card table-wrap', 'data-testid': 'cases-table' }, table(tx('cases.title'), [
        tx('cases.case'), tx('cases.statusLabel'), tx('cases.owner'), tx('cases.reports'), tx('cases.webCampaigns'), tx('cases.financeAlerts'),
        tx('cases.influenceGroups'), tx('cases.notes'), tx('cases.opened'),
      ], rows, { numCols: [3, 4, 5, 6, 7], captionHidden: true })),
      locked && cases.length > 0 ? h('details', { class: 'card' }, h('summary', {}, tx('cases.lockedTitles')), unlockForm(() => void draw())) : null,
      open, locked ? null : shareForm());
  };
  await draw();
}

/** Re-sharing: seal every open report and case this reader holds to a recipient added later. */
function shareForm(): HTMLElement {
  const who = h('input', { type: 'text', id: 'share-recipient', pattern: '[A-Za-z0-9_.\\-]{1,64}', required: true });
  const status = h('p', { role: 'status', 'data-testid': 'share-status' });
  const form = h('form', { class: 'card', 'data-testid': 'share-form' },
    h('h2', {}, tx('cases.shareTitle')), h('p', { class: 'muted' }, tx('cases.shareIntro')),
    h('label', { for: 'share-recipient' }, tx('cases.shareWith')), who, h('p', {}, h('button', { type: 'submit' }, tx('cases.share'))), status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    api<{ reports: string[]; cases: string[] }>('/api/tips/share', { method: 'POST', body: { recipient: who.value } })
      .then((r) => replace(status, tx('cases.shared', { reports: fmtInt(r.reports.length), cases: fmtInt(r.cases.length), recipient: who.value })))
      .catch((err: unknown) => replace(status, h('span', { class: 'error' }, err instanceof Error ? err.message : String(err))));
  });
  return form;
}

/** One timeline entry in words. */
function describe(e: TimelineEntry): Child[] {
  const actor = e.actor ?? '';
  const report = e.report ? h('a', { href: href('tips', e.report) }, short(e.report)) : '';
  const parts = (key: string, params: Record<string, string>, ...inserts: Array<[string, Child]>): Child[] => {
    // The text comes from the catalogue with {placeholders}; links go where their placeholder is.
    const text = tx(key, params);
    const out: Child[] = [];
    let rest = text;
    for (const [name, node] of inserts) {
      const at = rest.indexOf(`{${name}}`);
      if (at < 0) continue;
      out.push(rest.slice(0, at), node);
      rest = rest.slice(at + name.length + 2);
    }
    out.push(rest);
    return out;
  };
  switch (e.kind) {
    case 'report_received': return parts('cases.event.report_received', {}, ['report', report]);
    case 'report_linked': return parts('cases.event.report_linked', { actor }, ['report', report]);
    case 'subject_linked': return parts('cases.event.subject_linked', { actor, what: tx(`cases.kind.${e.module}.${e.subject_kind}`) }, ['id', subjectLink(e.module!, e.subject_kind!, e.subject_id!)]);
    case 'status': return [tx('cases.event.status', { actor, status: tx(`cases.status.${e.status}`) })];
    case 'owner': return [e.owner ? tx('cases.event.owner', { actor, owner: e.owner }) : tx('cases.event.no_owner', { actor })];
    case 'shared': return [tx('cases.event.shared', { actor, recipient: e.recipient ?? '' })];
    case 'note': return [tx('cases.event.note', { actor }), h('p', { 'data-testid': 'case-note-text' }, e.text ?? '')];
    default: return [tx(`cases.event.${e.kind}`, { actor })];
  }
}

export async function renderCase(root: HTMLElement, ctx: PageContext): Promise<void> {
  const id = ctx.path[1]!;
  const body = h('div', {});
  root.append(h('p', {}, h('a', { href: href('cases') }, tx('cases.back'))), body);
  const post = (path: string, payload: unknown, method = 'POST'): Promise<unknown> => api(`/api/tips/cases/${encodeURIComponent(id)}${path}`, { method, body: payload });
  const draw = async (): Promise<void> => {
    let c: ReadCase;
    try {
      c = await api<ReadCase>(`/api/tips/cases/${encodeURIComponent(id)}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VIGIE_ERR_TIPS_KEY') { replace(body, h('h1', {}, `${tx('cases.case')} ${id}`), unlockForm(() => void draw()), h('p', { class: 'muted' }, err.message)); return; }
      throw err;
    }
    const problem = h('p', { role: 'alert', class: 'error' });
    const act = (p: Promise<unknown>): void => { p.then(() => draw()).catch((err: unknown) => replace(problem, err instanceof Error ? err.message : String(err))); };
    const form = (testid: string, children: Child[], submit: () => Promise<unknown>): HTMLFormElement => {
      const f = h('form', { 'data-testid': testid }, ...children);
      f.addEventListener('submit', (event) => { event.preventDefault(); act(submit()); });
      return f;
    };

    const status = h('select', { id: 'case-status' }, ...CASE_STATUSES.map((s) => h('option', { value: s, selected: s === c.status }, tx(`cases.status.${s}`))));
    status.addEventListener('change', () => act(post('', { status: status.value }, 'PATCH')));
    const owner = h('input', { type: 'text', id: 'case-owner', value: c.owner ?? '', pattern: '[A-Za-z0-9_.\\-]{1,64}' });
    const ownerForm = form('case-owner-form', [h('label', { for: 'case-owner' }, tx('cases.owner')), owner, ' ', h('button', { type: 'submit' }, tx('cases.setOwner'))],
      () => post('', { owner: owner.value.trim() || null }, 'PATCH'));

    const inbox = await api<{ reports: Array<{ id: string; lang: string; received: string }> }>('/api/tips/reports');
    const inCase = new Set(c.report_rows.map((r) => r.id));
    const reportPick = h('select', { id: 'case-add-report' }, ...inbox.reports.filter((r) => !inCase.has(r.id)).map((r) =>
      h('option', { value: r.id }, `${short(r.id)} · ${LANG_NAMES[r.lang] ?? r.lang} · ${fmtDateTime(r.received)}`)));
    const addReport = form('case-add-report-form', [h('label', { for: 'case-add-report' }, tx('cases.addReport')), reportPick, ' ', h('button', { type: 'submit' }, tx('cases.add'))],
      () => post('/reports', { report_id: reportPick.value }));

    const kind = h('select', { id: 'case-link-kind' }, ...LINK_KINDS.map((k) => h('option', { value: k }, tx(`cases.kind.${k}`))));
    const subject = h('input', { type: 'text', id: 'case-link-subject', maxlength: 200, required: true, pattern: '[!-~]+' });
    const addLink = form('case-link-form', [h('label', { for: 'case-link-kind' }, tx('cases.linkKind')), kind, h('label', { for: 'case-link-subject' }, tx('cases.linkSubject')), subject,
      h('p', {}, h('button', { type: 'submit' }, tx('cases.link')))], () => {
      const [module, k] = kind.value.split('.') as [string, string];
      return post('/links', { module, kind: k, subject_id: subject.value.trim() });
    });

    const note = h('textarea', { id: 'case-note', rows: 3, maxlength: 20000, required: true });
    const addNote = form('case-note-form', [h('label', { for: 'case-note' }, tx('cases.addNote')), note, h('p', {}, h('button', { type: 'submit' }, tx('cases.saveNote')))],
      () => post('/notes', { text: note.value }));

    const exportButton = h('button', { type: 'button', 'data-testid': 'case-export' }, tx('cases.export'));
    exportButton.addEventListener('click', () => act(api(`/api/tips/cases/${encodeURIComponent(id)}/export`).then((data) => {
      const a = h('a', { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })), download: `${c.id}.json` });
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    })));

    const linkGroups = ['web', 'finance', 'influence', 'tips'].map((m) => [m, c.links.filter((l) => l.module === m)] as const).filter(([, ls]) => ls.length > 0);
    replace(body,
      h('h1', { 'data-testid': 'case-title' }, c.title),
      h('p', { class: 'muted' }, `${c.id} · ${tx('cases.openedBy', { who: c.created_by, when: fmtDateTime(c.created_at) })}`),
      h('div', { class: 'card' }, h('label', { for: 'case-status' }, tx('cases.statusLabel')), status, ownerForm, problem),
      h('div', { class: 'card' }, h('h2', {}, tx('cases.reports')),
        c.report_rows.length ? h('ul', { 'data-testid': 'case-reports' }, ...c.report_rows.map((r) => h('li', {}, h('a', { href: href('tips', r.id) }, short(r.id)),
          r.lang ? ` · ${LANG_NAMES[r.lang] ?? r.lang} · ${tx(`tips.status.${r.status}`)} · ${fmtDateTime(r.received!)}` : ` · ${tx('cases.purged')}`))) : h('p', { class: 'muted' }, tx('cases.noReports')),
        addReport),
      h('div', { class: 'card' }, h('h2', {}, tx('cases.links')),
        linkGroups.length ? h('dl', { 'data-testid': 'case-links' }, ...linkGroups.flatMap(([m, ls]) => [h('dt', {}, tx(`cases.module.${m}`)),
          ...ls.map((l) => h('dd', {}, `${tx(`cases.kind.${l.module}.${l.kind}`)} `, subjectLink(l.module, l.kind, l.subject_id)))])) : h('p', { class: 'muted' }, tx('cases.noLinks')),
        addLink),
      h('div', { class: 'card' }, h('h2', {}, tx('cases.timeline')),
        h('ol', { 'data-testid': 'case-timeline' }, ...c.timeline.map((e) => h('li', { 'data-kind': e.kind }, h('time', { datetime: e.at }, fmtDateTime(e.at)), ' — ', ...describe(e)))),
        addNote),
      h('div', { class: 'card' }, h('h2', {}, tx('cases.exportTitle')), h('p', { class: 'muted' }, tx('cases.exportIntro')), exportButton));
  };
  await draw();
}

/** The cases pages' texts, merged into the tips module's catalogue. */
export const CASES_MESSAGES: { 'en-CA': Record<string, string>; 'fr-CA': Record<string, string> } = {
  'en-CA': {
    'cases.nav': 'Cases', 'cases.title': 'Cases', 'cases.intro': 'Cases group reports and link them to web campaigns, financing alerts and influence groups. Titles and notes are sealed: they show once your key is unlocked.',
    'cases.empty': 'No cases yet.', 'cases.case': 'Case', 'cases.statusLabel': 'Status', 'cases.owner': 'Owner', 'cases.reports': 'Reports', 'cases.webCampaigns': 'Web campaigns',
    'cases.financeAlerts': 'Financing alerts', 'cases.influenceGroups': 'Influence groups', 'cases.notes': 'Notes', 'cases.opened': 'Opened',
    'cases.lockedTitles': 'Unlock your key to see the titles', 'cases.newTitle': 'Title of a new case (sealed)', 'cases.open': 'Open a case',
    'cases.shareTitle': 'Share with a recipient added later', 'cases.shareIntro': 'A report is sealed to the recipients there when it arrived. This seals every report not closed or spam, and every case not closed, that you hold to another recipient. It is recorded in the audit log.',
    'cases.shareWith': 'Recipient', 'cases.share': 'Share', 'cases.shared': '{reports} report(s) and {cases} case(s) shared with {recipient}.',
    'cases.back': '← All cases', 'cases.openedBy': 'opened by {who}, {when}', 'cases.setOwner': 'Set owner', 'cases.noReports': 'No reports in this case yet.', 'cases.purged': 'deleted (retention)',
    'cases.addReport': 'Add a report from the inbox', 'cases.add': 'Add', 'cases.links': 'Links', 'cases.noLinks': 'No links yet.', 'cases.linkKind': 'Link to', 'cases.linkSubject': 'Its identifier', 'cases.link': 'Link',
    'cases.timeline': 'Timeline', 'cases.addNote': 'Add a note (sealed; the reporter never sees it)', 'cases.saveNote': 'Save the note',
    'cases.exportTitle': 'Export for the committee', 'cases.exportIntro': 'What happened, where and when, the links and the notes; never a reporter’s contact, the names they gave, their messages or their files. Recorded in the timeline and the audit log.', 'cases.export': 'Export (JSON)',
    'cases.status.open': 'open', 'cases.status.monitoring': 'monitoring', 'cases.status.referred': 'referred', 'cases.status.closed': 'closed',
    'cases.module.web': 'Web', 'cases.module.finance': 'Financing', 'cases.module.influence': 'Influence', 'cases.module.tips': 'Other cases',
    'cases.kind.web.campaign': 'web campaign', 'cases.kind.web.client': 'web client', 'cases.kind.web.finding': 'web finding', 'cases.kind.finance.alert': 'financing alert',
    'cases.kind.finance.recipient': 'financing recipient', 'cases.kind.influence.group': 'influence group', 'cases.kind.influence.narrative': 'narrative', 'cases.kind.influence.account': 'account', 'cases.kind.tips.case': 'case',
    'cases.event.opened': '{actor} opened the case', 'cases.event.report_received': 'Report {report} received', 'cases.event.report_linked': '{actor} added report {report}',
    'cases.event.subject_linked': '{actor} linked the {what} {id}', 'cases.event.note': '{actor} added a note', 'cases.event.status': '{actor} set the status to “{status}”',
    'cases.event.owner': '{actor} gave the case to {owner}', 'cases.event.no_owner': '{actor} left the case without an owner', 'cases.event.export': '{actor} exported the case for the committee',
    'cases.event.shared': '{actor} shared the case with {recipient}',
  },
  'fr-CA': {
    'cases.nav': 'Dossiers', 'cases.title': 'Dossiers', 'cases.intro': 'Les dossiers regroupent des signalements et les relient à des campagnes web, des alertes de financement et des groupes d’influence. Les titres et les notes sont scellés : ils s’affichent une fois votre clé déverrouillée.',
    'cases.empty': 'Aucun dossier pour l’instant.', 'cases.case': 'Dossier', 'cases.statusLabel': 'Statut', 'cases.owner': 'Responsable', 'cases.reports': 'Signalements', 'cases.webCampaigns': 'Campagnes web',
    'cases.financeAlerts': 'Alertes de financement', 'cases.influenceGroups': 'Groupes d’influence', 'cases.notes': 'Notes', 'cases.opened': 'Ouvert le',
    'cases.lockedTitles': 'Déverrouillez votre clé pour voir les titres', 'cases.newTitle': 'Titre d’un nouveau dossier (scellé)', 'cases.open': 'Ouvrir un dossier',
    'cases.shareTitle': 'Partager avec un destinataire ajouté plus tard', 'cases.shareIntro': 'Un signalement est scellé pour les destinataires présents à son arrivée. Ceci scelle pour un autre destinataire chaque signalement ni fermé ni pourriel, et chaque dossier non fermé, que vous détenez. L’opération est consignée au journal d’audit.',
    'cases.shareWith': 'Destinataire', 'cases.share': 'Partager', 'cases.shared': '{reports} signalement(s) et {cases} dossier(s) partagés avec {recipient}.',
    'cases.back': '← Tous les dossiers', 'cases.openedBy': 'ouvert par {who}, {when}', 'cases.setOwner': 'Changer le responsable', 'cases.noReports': 'Aucun signalement dans ce dossier pour l’instant.', 'cases.purged': 'supprimé (conservation)',
    'cases.addReport': 'Ajouter un signalement de la boîte de réception', 'cases.add': 'Ajouter', 'cases.links': 'Liens', 'cases.noLinks': 'Aucun lien pour l’instant.', 'cases.linkKind': 'Relier à', 'cases.linkSubject': 'Son identifiant', 'cases.link': 'Relier',
    'cases.timeline': 'Chronologie', 'cases.addNote': 'Ajouter une note (scellée; l’auteur du signalement ne la voit jamais)', 'cases.saveNote': 'Enregistrer la note',
    'cases.exportTitle': 'Exporter pour le comité', 'cases.exportIntro': 'Ce qui s’est passé, où et quand, les liens et les notes; jamais les coordonnées d’un auteur de signalement, les noms qu’il a donnés, ses messages ni ses fichiers. Consigné dans la chronologie et au journal d’audit.', 'cases.export': 'Exporter (JSON)',
    'cases.status.open': 'ouvert', 'cases.status.monitoring': 'en surveillance', 'cases.status.referred': 'transmis', 'cases.status.closed': 'fermé',
    'cases.module.web': 'Web', 'cases.module.finance': 'Financement', 'cases.module.influence': 'Influence', 'cases.module.tips': 'Autres dossiers',
    'cases.kind.web.campaign': 'campagne web', 'cases.kind.web.client': 'client web', 'cases.kind.web.finding': 'constat web', 'cases.kind.finance.alert': 'alerte de financement',
    'cases.kind.finance.recipient': 'bénéficiaire de financement', 'cases.kind.influence.group': 'groupe d’influence', 'cases.kind.influence.narrative': 'récit', 'cases.kind.influence.account': 'compte', 'cases.kind.tips.case': 'dossier',
    'cases.event.opened': '{actor} a ouvert le dossier', 'cases.event.report_received': 'Signalement {report} reçu', 'cases.event.report_linked': '{actor} a ajouté le signalement {report}',
    'cases.event.subject_linked': '{actor} a relié : {what} {id}', 'cases.event.note': '{actor} a ajouté une note', 'cases.event.status': '{actor} a changé le statut : « {status} »',
    'cases.event.owner': '{actor} a confié le dossier à {owner}', 'cases.event.no_owner': '{actor} a laissé le dossier sans responsable', 'cases.event.export': '{actor} a exporté le dossier pour le comité',
    'cases.event.shared': '{actor} a partagé le dossier avec {recipient}',
  },
};
