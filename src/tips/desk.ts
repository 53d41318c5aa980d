import { randomUUID } from 'node:crypto';
import { VigieError } from '../core/index.js';
import { newTotpSecret, otpauthUri, verifyTotp } from './crypto/totp.js';
import { deriveKey, lock, newKeyPair, newSalt, publicKeyOf, seal, sealKey, unlock, unseal, unsealKey, wipe, type KeyPair } from './crypto/seal.js';
import { b64, conversation, openContent, unb64, type AttachmentMeta, type OpenedMessage, type ReportFields } from './intake.js';
import type { TipsRepository } from './repository.js';

/**
 * The team's side: recipients (a key pair behind a passphrase and a TOTP code), reading
 * reports with an unlocked key, cases. An administrator who is not a recipient has no key
 * and reads nothing.
 */

/** At least this long: a recipient's passphrase guards every report sealed to them. */
export const MIN_PASSPHRASE_CHARS = 12;

/** Create a recipient; returns the `otpauth://` URI of their second factor (shown once). */
export async function addRecipient(repo: TipsRepository, name: string, passphrase: string): Promise<{ otpauth: string }> {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new VigieError('VIGIE_ERR_USAGE', `tips recipient add: '${name}': use letters, digits, '.', '_' or '-' (the name of the vigie user who will read)`);
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) throw new VigieError('VIGIE_ERR_USAGE', `tips recipient add: the passphrase needs at least ${MIN_PASSPHRASE_CHARS} characters`);
  if (await repo.recipient(name)) throw new VigieError('VIGIE_ERR_USAGE', `tips recipient add: ${name} is already a recipient`);
  const keys = newKeyPair();
  const totp = newTotpSecret();
  const salt = newSalt();
  const key = await deriveKey(passphrase, salt);
  try {
    await repo.addRecipient({ name, public_key: b64(keys.publicKey), kdf_salt: b64(salt), locked_secret_key: b64(lock(keys.secretKey, key)), locked_totp: b64(lock(totp, key)) });
    return { otpauth: otpauthUri(name, totp) };
  } finally {
    wipe(keys.secretKey);
    wipe(key);
    wipe(totp);
  }
}

/**
 * A recipient's key pair, if the passphrase and the TOTP code are right (the code's step
 * is returned so it cannot be used twice). Null otherwise, whatever was wrong.
 */
export async function unlockRecipient(repo: TipsRepository, name: string, passphrase: string, code: string, nowMs: number): Promise<{ keys: KeyPair; step: number } | null> {
  const r = await repo.recipient(name);
  const key = await deriveKey(passphrase, r ? unb64(r.kdf_salt) : newSalt());
  try {
    if (!r) return null;
    const secretKey = unlock(unb64(r.locked_secret_key), key);
    const totp = unlock(unb64(r.locked_totp), key);
    if (!secretKey || !totp) return null;
    const step = verifyTotp(totp, code, nowMs);
    wipe(totp);
    if (step === null) {
      wipe(secretKey);
      return null;
    }
    return { keys: { secretKey, publicKey: publicKeyOf(secretKey) }, step };
  } finally {
    wipe(key);
  }
}

/** A report's key pair for a recipient, or a coded refusal when they hold none. */
export async function reportKeys(repo: TipsRepository, reportId: string, recipient: string, keys: KeyPair): Promise<KeyPair> {
  const sealed = await repo.reportKey(reportId, recipient);
  const sk = sealed ? unsealKey(unb64(sealed), keys) : null;
  if (!sk) throw new VigieError('VIGIE_ERR_TIPS_KEY', `${recipient} holds no key to this report (it arrived before they became a recipient)`);
  return { secretKey: sk, publicKey: publicKeyOf(sk) };
}

/** A report as a recipient reads it. */
export interface ReadReport {
  id: string;
  received: string;
  lang: string;
  status: string;
  fields: ReportFields;
  attachments: Array<AttachmentMeta & { n: number }>;
  messages: OpenedMessage[];
  /** The team's notes (translations, context), never shown to the reporter. */
  notes: Array<{ author: string; text: string; created_at: string }>;
}

/** Add a team note to a report (a translation, context): sealed to each recipient's own key. */
export async function addReportNote(repo: TipsRepository, reportId: string, author: string, text: string): Promise<boolean> {
  if (!await repo.report(reportId)) return false;
  const recipients = await repo.recipients();
  await repo.addReportNote(reportId, author, recipients.map((r) => ({ recipient: r.name, sealed: b64(seal(Buffer.from(text, 'utf8'), unb64(r.public_key))) })), randomUUID());
  return true;
}

export async function readReport(repo: TipsRepository, reportId: string, recipient: string, keys: KeyPair): Promise<ReadReport | null> {
  const report = await repo.report(reportId);
  if (!report) return null;
  const rk = await reportKeys(repo, reportId, recipient, keys);
  try {
    const attachments = (await repo.attachments(reportId)).map((a) => ({ n: a.n, ...(JSON.parse(unseal(unb64(a.sealed_meta), rk).toString('utf8')) as AttachmentMeta) }));
    const notes = (await repo.reportNotes(reportId, recipient)).map((n) => ({ author: n.author, text: unseal(unb64(n.sealed), keys).toString('utf8'), created_at: n.created_at }));
    return { id: report.id, received: report.received_at, lang: report.lang, status: report.status, fields: openContent(report, rk), attachments, messages: await conversation(repo, reportId, rk), notes };
  } finally {
    wipe(rk.secretKey);
  }
}

/** An attachment's original bytes and description, opened. */
export async function readAttachment(repo: TipsRepository, reportId: string, n: number, recipient: string, keys: KeyPair): Promise<{ meta: AttachmentMeta; bytes: Buffer } | null> {
  const row = await repo.attachmentData(reportId, n);
  if (!row) return null;
  const rk = await reportKeys(repo, reportId, recipient, keys);
  try {
    return { meta: JSON.parse(unseal(unb64(row.sealed_meta), rk).toString('utf8')) as AttachmentMeta, bytes: unseal(unb64(row.sealed_data), rk) };
  } finally {
    wipe(rk.secretKey);
  }
}

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

async function caseKeys(repo: TipsRepository, caseId: string, recipient: string, keys: KeyPair): Promise<KeyPair> {
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

/** What re-sharing gave a later recipient. */
export interface Shared {
  reports: string[];
  cases: string[];
  notes: number;
}

/**
 * Re-sharing: a recipient added after reports arrived holds no key to them (each report's
 * key is sealed to the recipients present when it arrived). A recipient who holds the key
 * and has unlocked it seals it again to the later one: one report (`reportId`), or every
 * report not closed or spam and every case not closed. The team's notes on those reports,
 * sealed per recipient, are sealed again for them too.
 */
export async function shareWith(repo: TipsRepository, holder: string, keys: KeyPair, to: string, reportId?: string): Promise<Shared> {
  if (to === holder) throw new VigieError('VIGIE_ERR_USAGE', 'share: you already hold your own keys');
  const target = await repo.recipient(to);
  if (!target) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `${to} is not a recipient: run 'vigie tips recipient add ${to}' first`);
  const toKey = unb64(target.public_key);
  const done: Shared = { reports: [], cases: [], notes: 0 };
  for (const id of await repo.reportsToShare(holder, to, reportId)) {
    const rk = await reportKeys(repo, id, holder, keys);
    try {
      if (await repo.addReportKey(id, to, b64(sealKey(rk.secretKey, toKey)))) done.reports.push(id);
    } finally {
      wipe(rk.secretKey);
    }
    for (const n of await repo.reportNoteRows(id, holder)) {
      const text = unseal(unb64(n.sealed), keys);
      await repo.copyReportNote(n.id.slice(0, -(holder.length + 1)), id, n.author, to, b64(seal(text, toKey)), n.created_at);
      wipe(text);
      done.notes++;
    }
  }
  if (reportId) return done;
  for (const id of await repo.casesToShare(holder, to)) {
    const ck = await caseKeys(repo, id, holder, keys);
    try {
      if (await repo.addCaseKey(id, to, b64(sealKey(ck.secretKey, toKey)))) {
        done.cases.push(id);
        await repo.addCaseEvent(id, holder, 'shared', { recipient: to });
      }
    } finally {
      wipe(ck.secretKey);
    }
  }
  return done;
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
