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
    return await this.#db.query(`SELECT id, status, owner, public_key, sealed_title, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, created_by FROM tips_cases ORDER BY created_at DESC, id`) as unknown as CaseRow[];
  }

  async caseRow(id: string): Promise<CaseRow | null> {
    const [row] = await this.#db.query(`SELECT id, status, owner, public_key, sealed_title, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, created_by FROM tips_cases WHERE id = $id`, { id });
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

  async linkReport(caseId: string, reportId: string): Promise<void> {
    await this.#db.run(`INSERT OR IGNORE INTO tips_case_reports VALUES ($caseId, $reportId, now()::TIMESTAMP)`, { caseId, reportId });
  }

  async linkSubject(caseId: string, link: { module: string; kind: string; subject_id: string }, by: string): Promise<void> {
    await this.#db.run(`INSERT OR IGNORE INTO tips_case_links VALUES ($caseId, $module, $kind, $subject_id, now()::TIMESTAMP, $by)`, { caseId, ...link, by });
  }

  async caseReports(caseId: string): Promise<string[]> {
    return (await this.#db.query(`SELECT report_id FROM tips_case_reports WHERE case_id = $caseId ORDER BY added_at, report_id`, { caseId })).map((r) => String(r.report_id));
  }

  async caseLinks(caseId: string): Promise<SqlRow[]> {
    return this.#db.query(`SELECT module, kind, subject_id, strftime(added_at, '%Y-%m-%dT%H:%M:%SZ') AS added_at, added_by FROM tips_case_links WHERE case_id = $caseId ORDER BY added_at, module, kind, subject_id`, { caseId });
  }

  async addNote(n: { id: string; case_id: string; author: string; sealed: string }): Promise<void> {
    await this.#db.run(`INSERT INTO tips_case_notes VALUES ($id, $case_id, $author, $sealed, now()::TIMESTAMP)`, { ...n });
  }

  async notes(caseId: string): Promise<Array<{ id: string; author: string; sealed: string; created_at: string }>> {
    return await this.#db.query(`SELECT id, author, sealed, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at FROM tips_case_notes WHERE case_id = $caseId ORDER BY created_at, id`, { caseId }) as unknown as Array<{ id: string; author: string; sealed: string; created_at: string }>;
  }

  /**
   * Delete reports received more than `days` ago that no case keeps, with their keys,
   * messages and attachments; returns the ids removed. DuckDB rewrites the freed blocks on the
   * next checkpoint (called here), so the sealed bytes do not linger in the WAL.
   */
  async purgeOlderThan(days: number): Promise<string[]> {
    const ids = await this.#db.transaction(async (tx) => {
      const rows = await tx.query(`SELECT id FROM tips_reports r WHERE r.received_at < now()::TIMESTAMP - to_days($days)
        AND NOT EXISTS (SELECT 1 FROM tips_case_reports c WHERE c.report_id = r.id) ORDER BY id`, { days });
      for (const { id } of rows) {
        for (const t of ['tips_report_keys', 'tips_messages', 'tips_attachments', 'tips_report_notes']) await tx.run(`DELETE FROM ${t} WHERE report_id = $id`, { id: String(id) });
        await tx.run(`DELETE FROM tips_reports WHERE id = $id`, { id: String(id) });
      }
      return rows.map((r) => String(r.id));
    });
    if (ids.length > 0) await this.#db.run('CHECKPOINT');
    return ids;
  }

  /** For tests and retention: move a report's arrival back in time. */
  async backdate(reportId: string, days: number): Promise<void> {
    await this.#db.run(`UPDATE tips_reports SET received_at = received_at - to_days($days) WHERE id = $reportId`, { reportId, days });
  }
}

const REPORT_COLUMNS = `id, strftime(received_at, '%Y-%m-%dT%H:00Z') AS received_at, lang, status, public_key, content, receipt_salt, receipt_locked_key, attachments, photo_location`;
