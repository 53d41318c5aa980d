import type { SqlValue } from '../../store/index.js';
import { isoUtc, json, num, rangeCondition, type Queryable, type TimeRange } from './range.js';

/** Filters of the findings table; every one optional, combined with AND. */
export interface FindingFilter extends TimeRange {
  class?: string | undefined;
  verdict?: string | undefined;
  country?: string | undefined;
  asn?: number | undefined;
  ip?: string | undefined;
}

/** One finding as listed: what matched, where, and the client's origin. */
export interface FindingRow {
  id: string;
  ts: string | null;
  ip: string;
  scope: string;
  class: string;
  rule: string;
  severity: number;
  location: string;
  fragment: string;
  reason: string;
  country: string | null;
  verdict: string;
  asn: number | null;
  org: string | null;
}

/** A finding with its evidence: source line, raw log line (when allowed), window and requests. */
export interface FindingDetail extends FindingRow {
  file: string | null;
  line: number;
  raw?: string;
  evidence: unknown;
  window_start: string | null;
  window_end: string | null;
  /** Why, as data (null for findings stored before reasons had codes): rendered by the finding's module. */
  why: { code: string; params: Record<string, unknown> } | null;
}

/**
 * A finding's id: findings have no key column, so the id names the row by what makes it unique
 * (run, source file, line, rule), encoded so it is opaque and URL-safe.
 *
 * @example
 * findingId(1, 2, 130, 'sqli-union-select') // 'MS8yLzEzMC9zcWxpLXVuaW9uLXNlbGVjdA'
 */
export function findingId(run: number, source: number, line: number, rule: string): string {
  return Buffer.from(`${run}/${source}/${line}/${rule}`, 'utf8').toString('base64url');
}

/** The parts of a finding id, or null when it is not one. */
export function parseFindingId(id: string): { run: number; source: number; line: number; rule: string } | null {
  const m = /^(\d{1,9})\/(\d{1,9})\/(\d{1,15})\/(.{1,200})$/s.exec(Buffer.from(id, 'base64url').toString('utf8'));
  return m ? { run: Number(m[1]), source: Number(m[2]), line: Number(m[3]), rule: m[4]! } : null;
}

const ROW_COLUMNS = `f.run_id, f.source_id, f.line, f.ts, f.ip, f.scope, f.class, f.rule, f.severity, f.location, f.fragment,
                     f.reason, o.country, coalesce(o.verdict, 'unknown') AS verdict, o.asn, o.org`;

function where(filter: FindingFilter): { sql: string; params: Record<string, SqlValue> } {
  const r = rangeCondition('f.ts', filter);
  const parts = [r.sql];
  const params: Record<string, SqlValue> = { ...r.params };
  const eq = (column: string, name: string, value: SqlValue | undefined): void => {
    if (value === undefined) return;
    parts.push(`${column} = $${name}`);
    params[name] = value;
  };
  eq('f.class', 'class', filter.class);
  if (filter.verdict === 'unknown') parts.push(`(o.verdict IS NULL OR o.verdict = 'unknown')`);
  else eq('o.verdict', 'verdict', filter.verdict);
  eq('o.country', 'country', filter.country);
  eq('o.asn', 'asn', filter.asn);
  eq('f.ip', 'ip', filter.ip);
  return { sql: parts.join(' AND '), params };
}

function row(r: Record<string, unknown>): FindingRow {
  return {
    id: findingId(num(r.run_id), num(r.source_id), num(r.line), String(r.rule)),
    ts: isoUtc(r.ts),
    ip: String(r.ip),
    scope: String(r.scope),
    class: String(r.class),
    rule: String(r.rule),
    severity: num(r.severity),
    location: String(r.location ?? ''),
    fragment: String(r.fragment ?? ''),
    reason: String(r.reason ?? ''),
    country: (r.country as string | null) ?? null,
    verdict: String(r.verdict),
    asn: r.asn === null || r.asn === undefined ? null : num(r.asn),
    org: (r.org as string | null) ?? null,
  };
}

/**
 * A page of findings, newest first, with the total matching the filter.
 *
 * @example
 * await findings(store, { class: 'sqli', verdict: 'foreign' }, 100, 0) // { total: 42, rows: [...] }
 */
export async function findings(db: Queryable, filter: FindingFilter, limit: number, offset: number): Promise<{ total: number; rows: FindingRow[] }> {
  const w = where(filter);
  const from = `FROM findings f LEFT JOIN client_origins o ON o.ip = f.ip WHERE ${w.sql}`;
  const [count] = await db.query(`SELECT count(*) AS n ${from}`, w.params);
  const rows = await db.query(
    `SELECT ${ROW_COLUMNS} ${from} ORDER BY f.ts DESC NULLS LAST, f.run_id DESC, f.source_id DESC, f.line DESC, f.rule LIMIT $limit OFFSET $offset`,
    { ...w.params, limit, offset },
  );
  return { total: num(count?.n), rows: rows.map(row) };
}

/**
 * A log's file name without its directory: where the server keeps its logs (or its spool) is
 * the server's business, not what a finding's reader needs to find the line.
 */
function fileName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

/** Evidence lines of a behaviour finding (`[{file, line, ...}]`) with file names only. */
function evidenceFileNames(evidence: unknown): unknown {
  if (!Array.isArray(evidence)) return evidence;
  return evidence.map((e: unknown) => (e && typeof e === 'object' && typeof (e as { file?: unknown }).file === 'string' ? { ...e, file: fileName((e as { file: string }).file) } : e));
}

/**
 * One finding with its evidence, or null when the id names none. Files are named without their
 * directory (see fileName); the raw line is as logged. `withRaw` decides whether the
 * raw log line (which may hold personal data: addresses, user names, tokens in URLs) is included.
 *
 * @example
 * await findingDetail(store, id, false) // { ..., file: 'access.log', line: 130, evidence: null }
 */
export async function findingDetail(db: Queryable, id: string, withRaw: boolean): Promise<FindingDetail | null> {
  const key = parseFindingId(id);
  if (!key) return null;
  const [r] = await db.query(`
    SELECT ${ROW_COLUMNS}, s.path AS file, f.raw, f.evidence, f.window_start, f.window_end, f.reason_code, f.reason_params
      FROM findings f LEFT JOIN client_origins o ON o.ip = f.ip LEFT JOIN sources s ON s.source_id = f.source_id
     WHERE f.run_id = $run AND f.source_id = $source AND f.line = $line AND f.rule = $rule
     ORDER BY f.ts LIMIT 1`, { run: key.run, source: key.source, line: key.line, rule: key.rule });
  if (!r) return null;
  const detail: FindingDetail = {
    ...row(r),
    file: r.file === null || r.file === undefined ? null : fileName(String(r.file)),
    line: num(r.line),
    evidence: evidenceFileNames(json(r.evidence, null)),
    window_start: isoUtc(r.window_start),
    window_end: isoUtc(r.window_end),
    why: typeof r.reason_code === 'string' ? { code: r.reason_code, params: json(r.reason_params, {}) as Record<string, unknown> } : null,
  };
  if (withRaw) detail.raw = String(r.raw ?? '');
  return detail;
}

/**
 * Where the live stream starts: the position of the last finding stored. DuckDB's `rowid`
 * grows as rows are appended, whatever the log time of the finding (a log analysed late has
 * old timestamps but is still news).
 */
export async function lastFindingPosition(db: Queryable): Promise<number> {
  const [r] = await db.query(`SELECT coalesce(max(rowid), -1) AS p FROM findings`);
  return num(r?.p);
}

/**
 * Findings stored after `position` (see {@link lastFindingPosition}), oldest first, at most
 * `limit`, with the position to continue from.
 *
 * @example
 * let p = await lastFindingPosition(store); ({ rows, position: p } = await findingsAfter(store, p, 100));
 */
export async function findingsAfter(db: Queryable, position: number, limit: number): Promise<{ rows: FindingRow[]; position: number }> {
  const rows = await db.query(
    `SELECT ${ROW_COLUMNS}, f.rowid AS position FROM findings f LEFT JOIN client_origins o ON o.ip = f.ip
      WHERE f.rowid > $p ORDER BY f.rowid LIMIT $limit`, { p: position, limit });
  return { rows: rows.map(row), position: rows.length ? num(rows[rows.length - 1]!.position) : position };
}
