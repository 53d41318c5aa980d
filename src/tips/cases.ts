import { randomUUID } from 'node:crypto';
import { VigieError } from '../core/index.js';
import { newKeyPair, publicKeyOf, seal, sealKey, unseal, unsealKey, wipe, type KeyPair } from './crypto/seal.js';
import { readReport } from './desk.js';
import { b64, unb64 } from './intake.js';
import type { TipsRepository } from './repository.js';

/**
 * Cases: a key pair of their own (sealed to every recipient), a sealed title and sealed notes;
 * the reports they keep, their links to other modules' subjects, their timeline, and the
 * export for the committee.
 */

/** Open a case: its own key pair, sealed to every recipient; the title sealed to it. */
export async function openCase(repo: TipsRepository, title: string, by: string): Promise<string> {
  const recipients = await repo.recipients();
  const keys = newKeyPair();
  const id = `case-${randomUUID().slice(0, 8)}`;
  try {
    await repo.addCase(
      { id, status: 'open', owner: by, public_key: b64(keys.publicKey), sealed_title: b64(seal(Buffer.from(title, 'utf8'), keys.publicKey)), created_by: by },
      recipients.map((r) => ({ recipient: r.name, sealed_key: b64(sealKey(keys.secretKey, unb64(r.public_key))) })),
    );
    return id;
  } finally {
    wipe(keys.secretKey);
  }
}

/** A case's key pair for a recipient, or a coded refusal when they hold none. */
export async function caseKeys(repo: TipsRepository, caseId: string, recipient: string, keys: KeyPair): Promise<KeyPair> {
  const sealed = await repo.caseKey(caseId, recipient);
  const sk = sealed ? unsealKey(unb64(sealed), keys) : null;
  if (!sk) throw new VigieError('VIGIE_ERR_TIPS_KEY', `${recipient} holds no key to this case`);
  return { secretKey: sk, publicKey: publicKeyOf(sk) };
}

export async function addCaseNote(repo: TipsRepository, caseId: string, author: string, text: string): Promise<boolean> {
  const c = await repo.caseRow(caseId);
  if (!c) return false;
  await repo.addNote({ id: randomUUID(), case_id: caseId, author, sealed: b64(seal(Buffer.from(text, 'utf8'), unb64(c.public_key))) });
  return true;
}

/** One line of a case's timeline: what happened, when, by whom; a note's words only once opened. */
export interface TimelineEntry {
  at: string;
  kind: 'opened' | 'report_received' | 'report_linked' | 'subject_linked' | 'note' | 'status' | 'owner' | 'export' | 'shared';
  actor: string | null;
  report?: string;
  module?: string;
  subject_kind?: string;
  subject_id?: string;
  status?: string;
  owner?: string | null;
  recipient?: string;
  text?: string;
}

/** A case as a recipient reads it: title, status, owner, reports, links to other modules' subjects, notes, timeline. */
export interface ReadCase {
  id: string;
  title: string;
  status: string;
  owner: string | null;
  created_at: string;
  created_by: string;
  reports: string[];
  /** The reports with what the inbox shows of them (null when a report was purged). */
  report_rows: Array<{ id: string; lang: string | null; status: string | null; received: string | null }>;
  links: Array<Record<string, unknown>>;
  notes: Array<{ author: string; text: string; created_at: string }>;
  /** Oldest first. Reports' arrivals are to the hour, as the store keeps them. */
  timeline: TimelineEntry[];
}

const TIMELINE_ORDER: Record<TimelineEntry['kind'], number> = { report_received: 0, opened: 1, report_linked: 2, subject_linked: 3, note: 4, status: 5, owner: 6, shared: 7, export: 8 };

export async function readCase(repo: TipsRepository, caseId: string, recipient: string, keys: KeyPair): Promise<ReadCase | null> {
  const c = await repo.caseRow(caseId);
  if (!c) return null;
  const ck = await caseKeys(repo, caseId, recipient, keys);
  try {
    const rows = await repo.caseReportRows(caseId);
    const links = await repo.caseLinks(caseId);
    const notes = (await repo.notes(caseId)).map((n) => ({ author: n.author, text: unseal(unb64(n.sealed), ck).toString('utf8'), created_at: n.created_at }));
    const timeline: TimelineEntry[] = [{ at: c.created_at, kind: 'opened', actor: c.created_by }];
    for (const r of rows) {
      if (r.received_at) timeline.push({ at: r.received_at, kind: 'report_received', actor: null, report: r.report_id });
      timeline.push({ at: r.added_at, kind: 'report_linked', actor: r.added_by, report: r.report_id });
    }
    for (const l of links) timeline.push({ at: String(l.added_at), kind: 'subject_linked', actor: String(l.added_by), module: String(l.module), subject_kind: String(l.kind), subject_id: String(l.subject_id) });
    for (const n of notes) timeline.push({ at: n.created_at, kind: 'note', actor: n.author, text: n.text });
    for (const e of await repo.caseEvents(caseId)) {
      const detail = JSON.parse(e.detail) as Record<string, string | null>;
      timeline.push({ at: e.at, kind: e.kind as TimelineEntry['kind'], actor: e.actor, ...detail });
    }
    // Stable: by time, then in the order things can happen within one second.
    timeline.sort((a, b) => a.at.localeCompare(b.at) || TIMELINE_ORDER[a.kind] - TIMELINE_ORDER[b.kind]);
    return {
      id: c.id, title: unseal(unb64(c.sealed_title), ck).toString('utf8'), status: c.status, owner: c.owner, created_at: c.created_at, created_by: c.created_by,
      reports: rows.map((r) => r.report_id),
      report_rows: rows.map((r) => ({ id: r.report_id, lang: r.lang, status: r.status, received: r.received_at })),
      links, notes, timeline,
    };
  } finally {
    wipe(ck.secretKey);
  }
}

/** A case in the list: counts in clear; its title only for a reader whose key is unlocked and holds the case's key. */
export interface CaseSummary {
  id: string;
  title: string | null;
  status: string;
  owner: string | null;
  created_at: string;
  created_by: string;
  reports: number;
  notes: number;
  /** Links by `module.kind` (`web.campaign`, `finance.alert`, `influence.group`…). */
  links: Record<string, number>;
}

export async function listCases(repo: TipsRepository, reader?: { recipient: string; keys: KeyPair }): Promise<CaseSummary[]> {
  const counts = await repo.caseCounts();
  const out: CaseSummary[] = [];
  for (const c of await repo.cases()) {
    let title: string | null = null;
    if (reader) {
      const sealed = await repo.caseKey(c.id, reader.recipient);
      const sk = sealed ? unsealKey(unb64(sealed), reader.keys) : null;
      if (sk) {
        title = unseal(unb64(c.sealed_title), { secretKey: sk, publicKey: publicKeyOf(sk) }).toString('utf8');
        wipe(sk);
      }
    }
    out.push({ id: c.id, title, status: c.status, owner: c.owner, created_at: c.created_at, created_by: c.created_by,
      reports: counts.reports.get(c.id) ?? 0, notes: counts.notes.get(c.id) ?? 0, links: counts.links.get(c.id) ?? {} });
  }
  return out;
}

/**
 * A case for the committee: what happened and where, the links to web campaigns, financing
 * alerts and influence groups, and the team's notes; never a reporter's contact or the names
 * they gave of who was involved, never a receipt, never an attachment.
 */
export async function exportCase(repo: TipsRepository, caseId: string, recipient: string, keys: KeyPair): Promise<Record<string, unknown> | null> {
  const c = await readCase(repo, caseId, recipient, keys);
  if (!c) return null;
  const reports = [];
  for (const id of c.reports) {
    const r = await readReport(repo, id, recipient, keys);
    if (r) reports.push({ id: r.id, received: r.received, lang: r.lang, status: r.status, what: r.fields.what, when: r.fields.when, where: r.fields.where, attachments: r.attachments.length });
  }
  return { case: c.id, title: c.title, status: c.status, owner: c.owner, opened: c.created_at, links: c.links, notes: c.notes, reports, withheld: ['reporter contact', 'names given by reporters', 'attachments', 'messages'] };
}
