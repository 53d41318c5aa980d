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

/** Row numbers read per query by `itemised`. */
const ITEMISED_SLICE = 100_000;
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

  /**
   * Every itemised (not rollup) contribution, in file and row order. Read in slices of row
   * numbers (never the whole table as one result), and the values that repeat across rows
   * (recipient, party, city...) held once: the rows of a 5M-row import must fit beside the scan.
   */
  async itemised(): Promise<Contribution[]> {
    const out: Contribution[] = [];
    const pool = new Map<string, string>();
    const once = (v: unknown): string => {
      const text = v === null || v === undefined ? '' : String(v);
      let kept = pool.get(text);
      if (kept === undefined) { pool.set(text, text); kept = text; }
      return kept;
    };
    const files = await this.#db.query(`SELECT file_id, max("row") AS last FROM finance_contributions GROUP BY file_id ORDER BY file_id`);
    for (const f of files) {
      const last = Number(f.last);
      for (let from = 0; from < last; from += ITEMISED_SLICE) {
        const rows = await this.#db.query(
          `SELECT file, "row", political_entity, recipient_id, recipient, party, district, event, contributor_type,
                  contributor_name, last_name, first_name, middle, city, province, postal,
                  coalesce(strftime(received, '%Y-%m-%d'), '') AS received, monetary_cents, non_monetary_cents,
                  given_through, leadership_contestant
             FROM finance_contributions WHERE file_id = $f AND "row" > $from AND "row" <= $to AND NOT rollup ORDER BY "row"`,
          { f: Number(f.file_id), from, to: from + ITEMISED_SLICE },
        );
        for (const r of rows) {
          out.push({
            file: once(r.file), row: Number(r.row), politicalEntity: once(r.political_entity), recipientId: once(r.recipient_id),
            recipient: once(r.recipient), party: once(r.party), district: once(r.district), event: once(r.event),
            contributorType: once(r.contributor_type), contributorName: s(r.contributor_name), last: s(r.last_name),
            first: s(r.first_name), middle: once(r.middle), city: once(r.city), province: once(r.province), postal: s(r.postal),
            date: once(r.received), monetaryCents: Number(r.monetary_cents), nonMonetaryCents: Number(r.non_monetary_cents),
            givenThrough: once(r.given_through), leadershipContestant: once(r.leadership_contestant), rollup: false,
          });
        }
      }
    }
    return out;
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
