import type { Migrations, SqlDatabase, SqlRow } from '../core/module/index.js';

/**
 * The tips tables. Everything a reporter wrote, every message and note, every attachment and
 * its name is sealed before it reaches these tables (base64 of libsodium output): what is in
 * clear is what the inbox must sort by (language, status, the hour of arrival) and the
 * links the team makes. No table has a column for an address, a user agent or a URL.
 */
export const TIPS_MIGRATIONS: Migrations = {
  duckdb: [
    `CREATE TABLE tips_recipients (
       name VARCHAR PRIMARY KEY, public_key VARCHAR NOT NULL, kdf_salt VARCHAR NOT NULL,
       locked_secret_key VARCHAR NOT NULL, locked_totp VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);
     CREATE SEQUENCE tips_report_seq;
     CREATE TABLE tips_reports (
       seq BIGINT NOT NULL DEFAULT nextval('tips_report_seq'), id VARCHAR PRIMARY KEY, received_at TIMESTAMP NOT NULL, lang VARCHAR NOT NULL, status VARCHAR NOT NULL,
       public_key VARCHAR NOT NULL, content VARCHAR NOT NULL, receipt_lookup VARCHAR NOT NULL UNIQUE,
       receipt_salt VARCHAR NOT NULL, receipt_locked_key VARCHAR NOT NULL, reporter_seen_at TIMESTAMP,
       attachments INTEGER NOT NULL, photo_location BOOLEAN NOT NULL);
     CREATE TABLE tips_report_keys (report_id VARCHAR NOT NULL, recipient VARCHAR NOT NULL, sealed_key VARCHAR NOT NULL, PRIMARY KEY (report_id, recipient));
     CREATE SEQUENCE tips_message_seq;
     CREATE TABLE tips_messages (
       seq BIGINT NOT NULL DEFAULT nextval('tips_message_seq'), id VARCHAR PRIMARY KEY, report_id VARCHAR NOT NULL, author VARCHAR NOT NULL, sealed VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);
     CREATE TABLE tips_attachments (
       id VARCHAR PRIMARY KEY, report_id VARCHAR NOT NULL, n INTEGER NOT NULL, sealed_meta VARCHAR NOT NULL, sealed_data VARCHAR NOT NULL);
     CREATE TABLE tips_cases (
       id VARCHAR PRIMARY KEY, status VARCHAR NOT NULL, owner VARCHAR, public_key VARCHAR NOT NULL,
       sealed_title VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, created_by VARCHAR NOT NULL);
     CREATE TABLE tips_case_keys (case_id VARCHAR NOT NULL, recipient VARCHAR NOT NULL, sealed_key VARCHAR NOT NULL, PRIMARY KEY (case_id, recipient));
     CREATE TABLE tips_case_reports (case_id VARCHAR NOT NULL, report_id VARCHAR NOT NULL, added_at TIMESTAMP NOT NULL, PRIMARY KEY (case_id, report_id));
     CREATE TABLE tips_case_links (
       case_id VARCHAR NOT NULL, module VARCHAR NOT NULL, kind VARCHAR NOT NULL, subject_id VARCHAR NOT NULL,
       added_at TIMESTAMP NOT NULL, added_by VARCHAR NOT NULL, PRIMARY KEY (case_id, module, kind, subject_id));
     CREATE TABLE tips_case_notes (id VARCHAR PRIMARY KEY, case_id VARCHAR NOT NULL, author VARCHAR NOT NULL, sealed VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);`,
    // The team's notes on a report (translations, context): sealed to each recipient's own key,
    // not the report's, so the reporter's receipt never opens them.
    `CREATE SEQUENCE tips_report_note_seq;
     CREATE TABLE tips_report_notes (
       seq BIGINT NOT NULL DEFAULT nextval('tips_report_note_seq'), id VARCHAR PRIMARY KEY, report_id VARCHAR NOT NULL,
       author VARCHAR NOT NULL, recipient VARCHAR NOT NULL, sealed VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);`,
    // A case's timeline: who put a report in it, and the events no other table keeps (status
    // and owner changes, exports, re-sharing). Their details are what the API shows in clear
    // anyway (a status, an owner's name, a recipient's name); never a note's words.
    `ALTER TABLE tips_case_reports ADD COLUMN added_by VARCHAR;
     CREATE SEQUENCE tips_case_event_seq;
     CREATE TABLE tips_case_events (
       seq BIGINT NOT NULL DEFAULT nextval('tips_case_event_seq'), case_id VARCHAR NOT NULL, happened_at TIMESTAMP NOT NULL,
       actor VARCHAR NOT NULL, kind VARCHAR NOT NULL, detail VARCHAR NOT NULL);`,
  ],
};

export interface RecipientRow {
  name: string;
  public_key: string;
  kdf_salt: string;
  locked_secret_key: string;
  locked_totp: string;
}

export interface ReportRow {
  id: string;
  received_at: string;
  lang: string;
  status: string;
  public_key: string;
  content: string;
  receipt_salt: string;
  receipt_locked_key: string;
  attachments: number;
  photo_location: boolean;
}

export interface NewReport extends Omit<ReportRow, 'received_at' | 'status'> {
  receipt_lookup: string;
  keys: Array<{ recipient: string; sealed_key: string }>;
  files: Array<{ id: string; n: number; sealed_meta: string; sealed_data: string }>;
}

export interface MessageRow {
  id: string;
  report_id: string;
  author: string;
  sealed: string;
  created_at: string;
}

export interface CaseRow {
  id: string;
  status: string;
  owner: string | null;
  public_key: string;
  sealed_title: string;
  created_at: string;
  created_by: string;
}

/** The hour, as the store keeps arrival times: finer times could be matched with a network log. */
const HOUR = `date_trunc('hour', now()::TIMESTAMP)`;

/** The tips module's SQL, all of it. */
export class TipsRepository {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async recipients(): Promise<RecipientRow[]> {
    return await this.#db.query(`SELECT name, public_key, kdf_salt, locked_secret_key, locked_totp FROM tips_recipients ORDER BY name`) as unknown as RecipientRow[];
  }

  async recipient(name: string): Promise<RecipientRow | null> {
    const [row] = await this.#db.query(`SELECT name, public_key, kdf_salt, locked_secret_key, locked_totp FROM tips_recipients WHERE name = $name`, { name });
    return (row as unknown as RecipientRow | undefined) ?? null;
  }

  async addRecipient(r: RecipientRow): Promise<void> {
    await this.#db.run(`INSERT INTO tips_recipients VALUES ($name, $public_key, $kdf_salt, $locked_secret_key, $locked_totp, now()::TIMESTAMP)`, { ...r });
  }

  async addReport(r: NewReport): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.run(`INSERT INTO tips_reports (id, received_at, lang, status, public_key, content, receipt_lookup, receipt_salt, receipt_locked_key, reporter_seen_at, attachments, photo_location) VALUES ($id, ${HOUR}, $lang, 'new', $public_key, $content, $receipt_lookup, $receipt_salt, $receipt_locked_key, NULL, $attachments, $photo_location)`, {
        id: r.id, lang: r.lang, public_key: r.public_key, content: r.content, receipt_lookup: r.receipt_lookup, receipt_salt: r.receipt_salt,
        receipt_locked_key: r.receipt_locked_key, attachments: r.attachments, photo_location: r.photo_location,
      });
      for (const k of r.keys) await tx.run(`INSERT INTO tips_report_keys VALUES ($id, $recipient, $sealed_key)`, { id: r.id, ...k });
      for (const f of r.files) await tx.run(`INSERT INTO tips_attachments VALUES ($fid, $id, $n, $sealed_meta, $sealed_data)`, { fid: f.id, id: r.id, n: f.n, sealed_meta: f.sealed_meta, sealed_data: f.sealed_data });
    });
  }

  /** The report a receipt opens (by its lookup hash), or null. */
  async reportByReceipt(lookup: string): Promise<ReportRow | null> {
    const [row] = await this.#db.query(`SELECT ${REPORT_COLUMNS} FROM tips_reports WHERE receipt_lookup = $lookup`, { lookup });
    return (row as unknown as ReportRow | undefined) ?? null;
  }

  async report(id: string): Promise<ReportRow | null> {
    const [row] = await this.#db.query(`SELECT ${REPORT_COLUMNS} FROM tips_reports WHERE id = $id`, { id });
    return (row as unknown as ReportRow | undefined) ?? null;
  }

  /** The inbox: every report, newest first, with what may be shown without a key. */
  async inbox(): Promise<SqlRow[]> {
    return this.#db.query(`
      SELECT r.id, strftime(r.received_at, '%Y-%m-%dT%H:00Z') AS received, r.lang, r.status, r.attachments, r.photo_location,
             (SELECT count(*)::INTEGER FROM tips_messages m WHERE m.report_id = r.id) AS messages,
             (SELECT count(*)::INTEGER FROM tips_messages m WHERE m.report_id = r.id AND m.author = 'reporter') AS from_reporter,
             (SELECT list(c.case_id ORDER BY c.case_id) FROM tips_case_reports c WHERE c.report_id = r.id) AS cases
      FROM tips_reports r ORDER BY r.seq DESC`);
  }

  async reportKey(reportId: string, recipient: string): Promise<string | null> {
    const [row] = await this.#db.query(`SELECT sealed_key FROM tips_report_keys WHERE report_id = $reportId AND recipient = $recipient`, { reportId, recipient });
    return row ? String(row.sealed_key) : null;
  }

  async setStatus(reportId: string, status: string): Promise<boolean> {
    const rows = await this.#db.query(`UPDATE tips_reports SET status = $status WHERE id = $reportId RETURNING id`, { reportId, status });
    return rows.length > 0;
  }

  async reporterSeen(reportId: string): Promise<void> {
    await this.#db.run(`UPDATE tips_reports SET reporter_seen_at = ${HOUR} WHERE id = $reportId`, { reportId });
  }

  async addMessage(m: Omit<MessageRow, 'created_at'>): Promise<void> {
    await this.#db.run(`INSERT INTO tips_messages (id, report_id, author, sealed, created_at) VALUES ($id, $report_id, $author, $sealed, ${HOUR})`, { ...m });
  }

  async messages(reportId: string): Promise<MessageRow[]> {
    return await this.#db.query(`SELECT id, report_id, author, sealed, strftime(created_at, '%Y-%m-%dT%H:00Z') AS created_at FROM tips_messages WHERE report_id = $reportId ORDER BY seq`, { reportId }) as unknown as MessageRow[];
  }

  async addReportNote(reportId: string, author: string, sealedFor: Array<{ recipient: string; sealed: string }>, id: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      for (const n of sealedFor) {
        await tx.run(`INSERT INTO tips_report_notes (id, report_id, author, recipient, sealed, created_at) VALUES ($id, $reportId, $author, $recipient, $sealed, now()::TIMESTAMP)`,
          { id: `${id}:${n.recipient}`, reportId, author, recipient: n.recipient, sealed: n.sealed });
      }
    });
  }

  /** The notes on a report sealed for one recipient, oldest first. */
  async reportNotes(reportId: string, recipient: string): Promise<Array<{ author: string; sealed: string; created_at: string }>> {
    return await this.#db.query(`SELECT author, sealed, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at FROM tips_report_notes WHERE report_id = $reportId AND recipient = $recipient ORDER BY seq`, { reportId, recipient }) as unknown as Array<{ author: string; sealed: string; created_at: string }>;
  }

  async attachments(reportId: string): Promise<Array<{ id: string; n: number; sealed_meta: string }>> {
    return await this.#db.query(`SELECT id, n, sealed_meta FROM tips_attachments WHERE report_id = $reportId ORDER BY n`, { reportId }) as unknown as Array<{ id: string; n: number; sealed_meta: string }>;
  }

  async attachmentData(reportId: string, n: number): Promise<{ sealed_meta: string; sealed_data: string } | null> {
    const [row] = await this.#db.query(`SELECT sealed_meta, sealed_data FROM tips_attachments WHERE report_id = $reportId AND n = $n`, { reportId, n });
    return (row as unknown as { sealed_meta: string; sealed_data: string } | undefined) ?? null;
  }

  async addCase(c: Omit<CaseRow, 'created_at'>, keys: Array<{ recipient: string; sealed_key: string }>): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.run(`INSERT INTO tips_cases VALUES ($id, $status, $owner, $public_key, $sealed_title, now()::TIMESTAMP, $created_by)`, { ...c });
      for (const k of keys) await tx.run(`INSERT INTO tips_case_keys VALUES ($id, $recipient, $sealed_key)`, { id: c.id, ...k });
    });
  }

  async cases(): Promise<CaseRow[]> {
    return await this.#db.query(`SELECT id, status, owner, public_key, sealed_title, strftime(created_at, '%Y-%m-%dT%H:%M:%S.%fZ') AS created_at, created_by FROM tips_cases ORDER BY created_at DESC, id`) as unknown as CaseRow[];
  }

  async caseRow(id: string): Promise<CaseRow | null> {
    const [row] = await this.#db.query(`SELECT id, status, owner, public_key, sealed_title, strftime(created_at, '%Y-%m-%dT%H:%M:%S.%fZ') AS created_at, created_by FROM tips_cases WHERE id = $id`, { id });
    return (row as unknown as CaseRow | undefined) ?? null;
  }

  async caseKey(caseId: string, recipient: string): Promise<string | null> {
    const [row] = await this.#db.query(`SELECT sealed_key FROM tips_case_keys WHERE case_id = $caseId AND recipient = $recipient`, { caseId, recipient });
    return row ? String(row.sealed_key) : null;
  }

  async updateCase(id: string, change: { status?: string; owner?: string | null }): Promise<boolean> {
    const rows = await this.#db.query(`UPDATE tips_cases SET status = coalesce($status, status), owner = CASE WHEN $setOwner THEN $owner ELSE owner END WHERE id = $id RETURNING id`,
      { id, status: change.status ?? null, setOwner: change.owner !== undefined, owner: change.owner ?? null });
    return rows.length > 0;
  }

  async linkReport(caseId: string, reportId: string, by: string): Promise<void> {
    await this.#db.run(`INSERT OR IGNORE INTO tips_case_reports (case_id, report_id, added_at, added_by) VALUES ($caseId, $reportId, now()::TIMESTAMP, $by)`, { caseId, reportId, by });
  }

  /** The reports in a case, with when and by whom each was put there and when it arrived (the hour). */
  async caseReportRows(caseId: string): Promise<Array<{ report_id: string; added_at: string; added_by: string | null; received_at: string | null; lang: string | null; status: string | null }>> {
    return await this.#db.query(`SELECT c.report_id, strftime(c.added_at, '%Y-%m-%dT%H:%M:%S.%fZ') AS added_at, c.added_by,
        strftime(r.received_at, '%Y-%m-%dT%H:00:00.000000Z') AS received_at, r.lang, r.status
      FROM tips_case_reports c LEFT JOIN tips_reports r ON r.id = c.report_id WHERE c.case_id = $caseId ORDER BY c.added_at, c.report_id`, { caseId }) as unknown as Array<{ report_id: string; added_at: string; added_by: string | null; received_at: string | null; lang: string | null; status: string | null }>;
  }

  /** Record a case event the other tables do not keep (status, owner, export, share). */
  async addCaseEvent(caseId: string, actor: string, kind: string, detail: Record<string, unknown>): Promise<void> {
    await this.#db.run(`INSERT INTO tips_case_events (case_id, happened_at, actor, kind, detail) VALUES ($caseId, now()::TIMESTAMP, $actor, $kind, $detail)`, { caseId, actor, kind, detail: JSON.stringify(detail) });
  }

  async caseEvents(caseId: string): Promise<Array<{ at: string; actor: string; kind: string; detail: string }>> {
    return await this.#db.query(`SELECT strftime(happened_at, '%Y-%m-%dT%H:%M:%S.%fZ') AS at, actor, kind, detail FROM tips_case_events WHERE case_id = $caseId ORDER BY seq`, { caseId }) as unknown as Array<{ at: string; actor: string; kind: string; detail: string }>;
  }

  /** For the cases list: per case, its reports and notes, and its links counted by module and kind. */
  async caseCounts(): Promise<{ reports: Map<string, number>; notes: Map<string, number>; links: Map<string, Record<string, number>> }> {
    const reports = new Map((await this.#db.query(`SELECT case_id, count(*)::INTEGER AS n FROM tips_case_reports GROUP BY case_id`)).map((r) => [String(r.case_id), Number(r.n)]));
    const notes = new Map((await this.#db.query(`SELECT case_id, count(*)::INTEGER AS n FROM tips_case_notes GROUP BY case_id`)).map((r) => [String(r.case_id), Number(r.n)]));
    const links = new Map<string, Record<string, number>>();
    for (const r of await this.#db.query(`SELECT case_id, module, kind, count(*)::INTEGER AS n FROM tips_case_links GROUP BY ALL`)) {
      const m = links.get(String(r.case_id)) ?? {};
      m[`${String(r.module)}.${String(r.kind)}`] = Number(r.n);
      links.set(String(r.case_id), m);
    }
    return { reports, notes, links };
  }

  /** Give a recipient a report's key (re-sharing); false when they already hold one. */
  async addReportKey(reportId: string, recipient: string, sealedKey: string): Promise<boolean> {
    const rows = await this.#db.query(`INSERT OR IGNORE INTO tips_report_keys VALUES ($reportId, $recipient, $sealedKey) RETURNING report_id`, { reportId, recipient, sealedKey });
    return rows.length > 0;
  }

  /** Give a recipient a case's key (re-sharing); false when they already hold one. */
  async addCaseKey(caseId: string, recipient: string, sealedKey: string): Promise<boolean> {
    const rows = await this.#db.query(`INSERT OR IGNORE INTO tips_case_keys VALUES ($caseId, $recipient, $sealedKey) RETURNING case_id`, { caseId, recipient, sealedKey });
    return rows.length > 0;
  }

  /** Reports `holder` has a key to and `to` has none, among those not closed or spam (or only `reportId`). */
  async reportsToShare(holder: string, to: string, reportId?: string): Promise<string[]> {
    return (await this.#db.query(`SELECT r.id FROM tips_reports r JOIN tips_report_keys k ON k.report_id = r.id AND k.recipient = $holder
      WHERE NOT EXISTS (SELECT 1 FROM tips_report_keys t WHERE t.report_id = r.id AND t.recipient = $to)
        AND ${reportId ? 'r.id = $reportId' : `r.status NOT IN ('closed', 'spam')`} ORDER BY r.seq`, reportId ? { holder, to, reportId } : { holder, to })).map((r) => String(r.id));
  }

  /** Cases `holder` has a key to and `to` has none, among those not closed. */
  async casesToShare(holder: string, to: string): Promise<string[]> {
    return (await this.#db.query(`SELECT c.id FROM tips_cases c JOIN tips_case_keys k ON k.case_id = c.id AND k.recipient = $holder
      WHERE c.status <> 'closed' AND NOT EXISTS (SELECT 1 FROM tips_case_keys t WHERE t.case_id = c.id AND t.recipient = $to) ORDER BY c.id`, { holder, to })).map((r) => String(r.id));
  }

  /** The team's notes on a report sealed for `recipient`, with their ids (to seal them again for another). */
  async reportNoteRows(reportId: string, recipient: string): Promise<Array<{ id: string; author: string; sealed: string; created_at: string }>> {
    return await this.#db.query(`SELECT id, author, sealed, strftime(created_at, '%Y-%m-%dT%H:%M:%S') AS created_at FROM tips_report_notes WHERE report_id = $reportId AND recipient = $recipient ORDER BY seq`, { reportId, recipient }) as unknown as Array<{ id: string; author: string; sealed: string; created_at: string }>;
  }

  /** A note already written, sealed for one more recipient, keeping its author and time. */
  async copyReportNote(noteId: string, reportId: string, author: string, recipient: string, sealed: string, createdAt: string): Promise<void> {
    await this.#db.run(`INSERT OR IGNORE INTO tips_report_notes (id, report_id, author, recipient, sealed, created_at) VALUES ($id, $reportId, $author, $recipient, $sealed, $createdAt::TIMESTAMP)`,
      { id: `${noteId}:${recipient}`, reportId, author, recipient, sealed, createdAt });
  }

  async linkSubject(caseId: string, link: { module: string; kind: string; subject_id: string }, by: string): Promise<void> {
    await this.#db.run(`INSERT OR IGNORE INTO tips_case_links VALUES ($caseId, $module, $kind, $subject_id, now()::TIMESTAMP, $by)`, { caseId, ...link, by });
  }

  async caseReports(caseId: string): Promise<string[]> {
    return (await this.#db.query(`SELECT report_id FROM tips_case_reports WHERE case_id = $caseId ORDER BY added_at, report_id`, { caseId })).map((r) => String(r.report_id));
  }

  async caseLinks(caseId: string): Promise<SqlRow[]> {
    return this.#db.query(`SELECT module, kind, subject_id, strftime(added_at, '%Y-%m-%dT%H:%M:%S.%fZ') AS added_at, added_by FROM tips_case_links WHERE case_id = $caseId ORDER BY added_at, module, kind, subject_id`, { caseId });
  }

  async addNote(n: { id: string; case_id: string; author: string; sealed: string }): Promise<void> {
    await this.#db.run(`INSERT INTO tips_case_notes VALUES ($id, $case_id, $author, $sealed, now()::TIMESTAMP)`, { ...n });
  }

  async notes(caseId: string): Promise<Array<{ id: string; author: string; sealed: string; created_at: string }>> {
    return await this.#db.query(`SELECT id, author, sealed, strftime(created_at, '%Y-%m-%dT%H:%M:%S.%fZ') AS created_at FROM tips_case_notes WHERE case_id = $caseId ORDER BY created_at, id`, { caseId }) as unknown as Array<{ id: string; author: string; sealed: string; created_at: string }>;
  }

  /**
   * Delete reports received more than `days` before `now` that no case keeps, with their keys,
   * messages, attachments and notes; returns the ids removed and how many old reports a case
   * keeps. DuckDB has no secure delete: a deleted row stays in its block until the block is
   * rewritten, and a rewritten block's old copy stays in the file until DuckDB reuses it. So
   * the sealed keys (the report's key sealed to each recipient, and locked under the
   * receipt), the content and the attachments are first overwritten with zeros (an UPDATE,
   * checkpointed: the blocks holding them are rewritten), then deleted and checkpointed
   * again, so the second checkpoint's writes land in the blocks the first one freed. See
   * README "tips: threat model" for what this does not promise.
   */
  async purgeOlderThan(days: number, now: Date): Promise<{ removed: string[]; kept: number }> {
    // Arrival times are `now()::TIMESTAMP` (the session's time zone): `now` is cast the same way.
    const old = await this.#db.query(`SELECT r.id, EXISTS (SELECT 1 FROM tips_case_reports c WHERE c.report_id = r.id) AS kept
      FROM tips_reports r WHERE r.received_at < $now::TIMESTAMPTZ::TIMESTAMP - to_days($days) ORDER BY r.id`, { now: now.toISOString(), days });
    const ids = old.filter((r) => !r.kept).map((r) => String(r.id));
    const kept = old.length - ids.length;
    if (ids.length === 0) return { removed: [], kept };
    const zeros = (column: string): string => `${column} = repeat('0', length(${column}))`;
    await this.#db.transaction(async (tx) => {
      for (const id of ids) {
        await tx.run(`UPDATE tips_report_keys SET ${zeros('sealed_key')} WHERE report_id = $id`, { id });
        await tx.run(`UPDATE tips_reports SET ${zeros('receipt_locked_key')}, ${zeros('public_key')}, ${zeros('content')}, ${zeros('receipt_salt')} WHERE id = $id`, { id });
        await tx.run(`UPDATE tips_attachments SET ${zeros('sealed_meta')}, ${zeros('sealed_data')} WHERE report_id = $id`, { id });
        await tx.run(`UPDATE tips_messages SET ${zeros('sealed')} WHERE report_id = $id`, { id });
        await tx.run(`UPDATE tips_report_notes SET ${zeros('sealed')} WHERE report_id = $id`, { id });
      }
    });
    await this.#db.run('CHECKPOINT');
    await this.#db.transaction(async (tx) => {
      for (const id of ids) {
        for (const t of ['tips_report_keys', 'tips_messages', 'tips_attachments', 'tips_report_notes']) await tx.run(`DELETE FROM ${t} WHERE report_id = $id`, { id });
        await tx.run(`DELETE FROM tips_reports WHERE id = $id`, { id });
      }
    });
    await this.#db.run('CHECKPOINT');
    return { removed: ids, kept };
  }

  /** For tests and retention: move a report's arrival back in time. */
  async backdate(reportId: string, days: number): Promise<void> {
    await this.#db.run(`UPDATE tips_reports SET received_at = received_at - to_days($days) WHERE id = $reportId`, { reportId, days });
  }
}

const REPORT_COLUMNS = `id, strftime(received_at, '%Y-%m-%dT%H:00Z') AS received_at, lang, status, public_key, content, receipt_salt, receipt_locked_key, attachments, photo_location`;
