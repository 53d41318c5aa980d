import type { SqlDatabase, SqlReader, SqlRow } from '../core/module/index.js';
import type { Contribution } from './model.js';
import { loadCsv, type BulkLoad, type CsvSource } from './repository/csv-load.js';

export type { BulkLoad, CsvSource } from './repository/csv-load.js';

/** A stored file, as `finance import` reports it. */
export interface StoredFile {
  fileId: number;
  name: string;
  fingerprint: string;
  layout: string;
  rows: number;
  rollups: number;
  malformed: number;
}

const COLUMNS = [
  'file_id', 'file', 'row', 'political_entity', 'recipient_id', 'recipient', 'party', 'district', 'event',
  'contributor_type', 'contributor_name', 'last_name', 'first_name', 'middle', 'city', 'province', 'postal',
  'received', 'monetary_cents', 'non_monetary_cents', 'given_through', 'leadership_contestant', 'rollup',
] as const;

const NULL = '\u0001';
const enc = new TextEncoder();

/** A field for loadTsv: control characters made visible, never a tab or newline. */
function cell(v: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(v) ? v.replace(/[\u0000-\u001f\u007f]/g, ' ') : v;
}

/**
 * FinanceRepository: the only SQL of the finance module. Files are stored once (by content
 * fingerprint); a file's rows are written in one transaction with its `finance_files` line,
 * so an interrupted import leaves nothing half-stored.
 */
export class FinanceRepository {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** The stored file with this content, if any. */
  async fileByFingerprint(fingerprint: string): Promise<StoredFile | null> {
    const [r] = await this.#db.query(`SELECT * FROM finance_files WHERE fingerprint = $f`, { f: fingerprint });
    return r ? storedFile(r) : null;
  }

  /**
   * Store a file's rows, fed by `produce` in batches, and its line in `finance_files`, all in
   * one transaction. `produce` returns the file's counts once its rows are all given. Instead
   * of writing batches it may `bulk` load the file with DuckDB's CSV reader (null: DuckDB
   * rejected a record, nothing stored, write batches instead).
   */
  async storeFile(
    name: string, fingerprint: string,
    produce: (
      write: (batch: readonly Contribution[]) => Promise<void>, fileId: number,
      bulk: (src: CsvSource, errorsListed: number) => Promise<BulkLoad | null>,
    ) => Promise<{ layout: string; rows: number; rollups: number; malformed: number }>,
  ): Promise<StoredFile> {
    return this.#db.transaction(async (tx) => {
      const [m] = await tx.query(`SELECT coalesce(max(file_id), 0) + 1 AS id FROM finance_files`);
      const fileId = Number(m!.id);
      const counts = await produce(async (batch) => {
        if (batch.length === 0) return;
        const lines: string[] = [];
        for (const c of batch) {
          lines.push([
            String(fileId), cell(c.file), String(c.row), cell(c.politicalEntity), cell(c.recipientId), cell(c.recipient),
            cell(c.party), cell(c.district), cell(c.event), cell(c.contributorType), cell(c.contributorName),
            cell(c.last), cell(c.first), cell(c.middle), cell(c.city), cell(c.province), cell(c.postal),
            c.date === '' ? NULL : c.date, String(c.monetaryCents), String(c.nonMonetaryCents), cell(c.givenThrough),
            cell(c.leadershipContestant), c.rollup ? 'true' : 'false',
          ].join('\t'));
        }
        await tx.loadTsv('finance_contributions', COLUMNS, enc.encode(lines.join('\n') + '\n'));
      }, fileId, async (src, errorsListed) => (this.#db.dialect === 'duckdb' ? loadCsv(tx, fileId, name, src, errorsListed) : null));
      await tx.run(
        `INSERT INTO finance_files (file_id, name, fingerprint, layout, rows, rollups, malformed) VALUES ($id, $n, $f, $l, $r, $u, $m)`,
        { id: fileId, n: name, f: fingerprint, l: counts.layout, r: counts.rows, u: counts.rollups, m: counts.malformed },
      );
      return { fileId, name, fingerprint, ...counts };
    });
  }

  /** Every itemised (not rollup) contribution, in file and row order; `year` keeps one year's. */
  async itemised(): Promise<Contribution[]> {
    const rows = await this.#db.query(
      `SELECT file, "row", political_entity, recipient_id, recipient, party, district, event, contributor_type,
              contributor_name, last_name, first_name, middle, city, province, postal,
              coalesce(strftime(received, '%Y-%m-%d'), '') AS received, monetary_cents, non_monetary_cents,
              given_through, leadership_contestant
         FROM finance_contributions WHERE NOT rollup ORDER BY file_id, "row"`,
    );
    return rows.map((r) => ({
      file: String(r.file), row: Number(r.row), politicalEntity: s(r.political_entity), recipientId: s(r.recipient_id),
      recipient: s(r.recipient), party: s(r.party), district: s(r.district), event: s(r.event),
      contributorType: s(r.contributor_type), contributorName: s(r.contributor_name), last: s(r.last_name),
      first: s(r.first_name), middle: s(r.middle), city: s(r.city), province: s(r.province), postal: s(r.postal),
      date: s(r.received), monetaryCents: Number(r.monetary_cents), nonMonetaryCents: Number(r.non_monetary_cents),
      givenThrough: s(r.given_through), leadershipContestant: s(r.leadership_contestant), rollup: false,
    }));
  }

  /** Keep a scan's result (the API serves the latest). */
  async saveScan(result: unknown, year: number | null): Promise<number> {
    return this.#db.transaction(async (tx) => {
      const [m] = await tx.query(`SELECT coalesce(max(scan_id), 0) + 1 AS id FROM finance_scans`);
      const id = Number(m!.id);
      await tx.run(`INSERT INTO finance_scans (scan_id, year, result) VALUES ($id, $y, $r)`, { id, y: year, r: JSON.stringify(result) });
      return id;
    });
  }

  /** Stored files, oldest first. */
  async files(): Promise<StoredFile[]> {
    return (await this.#db.query(`SELECT * FROM finance_files ORDER BY file_id`)).map(storedFile);
  }
}

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function storedFile(r: SqlRow): StoredFile {
  return {
    fileId: Number(r.file_id), name: String(r.name), fingerprint: String(r.fingerprint), layout: String(r.layout),
    rows: Number(r.rows), rollups: Number(r.rollups), malformed: Number(r.malformed),
  };
}

/** The finance module's reads for the API (on the server's read connections). */
export class FinanceReader {
  readonly #reader: SqlReader;

  constructor(reader: SqlReader) {
    this.#reader = reader;
  }

  /** The latest scan's result and when it ran, or null before any scan. */
  async latestScan(): Promise<{ scanId: number; createdAt: string; year: number | null; result: any } | null> {
    const [r] = await this.#reader.query(`SELECT scan_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, year, result FROM finance_scans ORDER BY scan_id DESC LIMIT 1`);
    if (!r) return null;
    return { scanId: Number(r.scan_id), createdAt: String(r.created_at), year: r.year === null ? null : Number(r.year), result: JSON.parse(String(r.result)) };
  }

  /**
   * The stored rows an alert cites, as imported, in the order given (at most 500): one query
   * per file, not per row.
   */
  async rows(refs: ReadonlyArray<{ file: string; row: number }>): Promise<SqlRow[]> {
    const wanted = refs.slice(0, 500);
    const byFile = new Map<string, number[]>();
    for (const ref of wanted) {
      let list = byFile.get(ref.file);
      if (!list) byFile.set(ref.file, (list = []));
      list.push(Math.trunc(Number(ref.row)));
    }
    const found = new Map<string, SqlRow>();
    for (const [file, numbers] of byFile) {
      const rows = await this.#reader.query(
        `SELECT file, "row", recipient_id, recipient, party, contributor_type, contributor_name, city, province, postal,
                strftime(received, '%Y-%m-%d') AS received, monetary_cents / 100.0 AS monetary, non_monetary_cents / 100.0 AS non_monetary,
                given_through
           FROM finance_contributions
          WHERE file = $f AND "row" IN (SELECT unnest(string_split($rows, ','))::BIGINT)`,
        { f: file, rows: numbers.join(',') });
      for (const r of rows) if (!found.has(`${r.file}\u0001${r.row}`)) found.set(`${r.file}\u0001${r.row}`, r);
    }
    return wanted.map((ref) => found.get(`${ref.file}\u0001${ref.row}`)).filter((r): r is SqlRow => r !== undefined);
  }
}
