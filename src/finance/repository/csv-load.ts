import type { SqlTransaction } from '../../core/module/index.js';
import type { Layout } from '../formats/layouts.js';

/**
 * A contribution file DuckDB's own CSV reader parses, and what vigie sniffed of it first.
 * `layout`, `header`, `encoding` and `delimiter` come from the file's first record (as the
 * streaming reader decides them).
 */
export interface CsvSource {
  path: string;
  gzip: boolean;
  encoding: 'utf-8' | 'latin-1';
  delimiter: string;
  layout: Layout;
  header: boolean;
}

/** What a bulk load stored, and the malformed rows by data-row number (header excluded). */
export interface BulkLoad {
  rows: number;
  rollups: number;
  malformed: number;
  /** The first malformed rows, in file order: data-row number and reason. */
  errors: Array<{ row: number; reason: string }>;
}

/** Columns read per record: more fields than this and the file goes the streaming way. */
const WIDTH = 40;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The value parsers of formats/values.ts in SQL, the same results row for row (checked
 * against the streaming reader on the real corpora by import.test.ts): a value that cannot be
 * read is NULL, and the row malformed with the same reason. Each is called on a column of a
 * lower layer, not on a long expression (a macro repeats its argument). Values are trimmed of
 * spaces (padded amounts); the streaming reader also trims tabs and other Unicode spaces at
 * the ends of fields.
 */
const MACROS = [
  // iso(): years 1900–2100, real calendar days.
  String.raw`CREATE OR REPLACE TEMP MACRO fin_iso(y, m, d) AS CASE WHEN y BETWEEN 1900 AND 2100 AND m BETWEEN 1 AND 12 AND d BETWEEN 1 AND 31 THEN try(make_date(y::INTEGER, m::INTEGER, d::INTEGER)) END`,
  String.raw`CREATE OR REPLACE TEMP MACRO fin_month(x) AS CASE lower(x)
     WHEN 'jan' THEN 1 WHEN 'feb' THEN 2 WHEN 'mar' THEN 3 WHEN 'apr' THEN 4 WHEN 'may' THEN 5 WHEN 'jun' THEN 6
     WHEN 'jul' THEN 7 WHEN 'aug' THEN 8 WHEN 'sep' THEN 9 WHEN 'sept' THEN 9 WHEN 'oct' THEN 10 WHEN 'nov' THEN 11
     WHEN 'dec' THEN 12 WHEN 'janv' THEN 1 WHEN 'févr' THEN 2 WHEN 'fevr' THEN 2 WHEN 'mars' THEN 3 WHEN 'avr' THEN 4
     WHEN 'mai' THEN 5 WHEN 'juin' THEN 6 WHEN 'juil' THEN 7 WHEN 'août' THEN 8 WHEN 'aout' THEN 8 WHEN 'déc' THEN 12 END`,
  // parseDate on a trimmed value: the date, or NULL when empty or unreadable. ISO first (the
  // modern files), then the other shapes, each tried only on what the previous left.
  String.raw`CREATE OR REPLACE TEMP MACRO fin_date(s) AS CASE
     WHEN s = '' THEN NULL
     WHEN length(s) = 10 AND s[5] = '-' AND s[8] = '-' AND regexp_full_match(s, '\d{4}-\d{2}-\d{2}')
       THEN fin_iso(s[1:4]::INTEGER, s[6:7]::INTEGER, s[9:10]::INTEGER)
     WHEN regexp_full_match(s, '[A-Za-z]{3} \d{1,2}, \d{4}') AND lower(s[1:3]) IN ('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec')
       THEN CASE WHEN s[-4:]::INTEGER BETWEEN 1900 AND 2100 THEN try_strptime(s, '%b %d, %Y')::DATE END
     WHEN regexp_full_match(s, '(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?')
       THEN fin_iso(regexp_extract(s, '^(\d{4})', 1)::INTEGER, regexp_extract(s, '^\d{4}[-/](\d{1,2})', 1)::INTEGER, regexp_extract(s, '^\d{4}[-/]\d{1,2}[-/](\d{1,2})', 1)::INTEGER)
     WHEN regexp_full_match(s, '([A-Za-zéû]+)\.? (\d{1,2}), (\d{4})')
       THEN fin_iso(regexp_extract(s, '(\d{4})$', 1)::INTEGER, fin_month(regexp_extract(s, '^([A-Za-zéû]+)', 1)), regexp_extract(s, ' (\d{1,2}),', 1)::INTEGER)
     WHEN regexp_full_match(s, '(\d{1,2}) ([A-Za-zéû]+)\.? (\d{4})')
       THEN fin_iso(regexp_extract(s, '(\d{4})$', 1)::INTEGER, fin_month(regexp_extract(s, '^\d{1,2} ([A-Za-zéû]+)', 1)), regexp_extract(s, '^(\d{1,2})', 1)::INTEGER)
     WHEN regexp_full_match(s, '(\d{1,2})/(\d{1,2})/(\d{4})(?: .*)?')
       THEN fin_iso(regexp_extract(s, '^\d{1,2}/\d{1,2}/(\d{4})', 1)::INTEGER, regexp_extract(s, '^(\d{1,2})', 1)::INTEGER, regexp_extract(s, '^\d{1,2}/(\d{1,2})', 1)::INTEGER)
   END`,
  // parseDollars on a trimmed value: whole cents, NULL when unreadable. Plain decimals first.
  String.raw`CREATE OR REPLACE TEMP MACRO fin_cents_of(s) AS CASE WHEN regexp_full_match(s, '-?\d{1,15}(\.\d{0,2})?') THEN round(s::DOUBLE * 100)::BIGINT END`,
  String.raw`CREATE OR REPLACE TEMP MACRO fin_dollars_text(s) AS CASE
     WHEN regexp_full_match(s, '-?\d{1,3}( \d{3})*(,\d{1,2})?') OR regexp_full_match(s, '-?\d+,\d{1,2}') THEN regexp_replace(replace(s, ' ', ''), ',', '.')
     ELSE replace(s, ',', '') END`,
  String.raw`CREATE OR REPLACE TEMP MACRO fin_dollars(s) AS CASE
     WHEN s = '' THEN 0
     WHEN regexp_full_match(s, '-?\d{1,15}(\.\d{0,2})?') THEN round(s::DOUBLE * 100)::BIGINT
     WHEN trim(regexp_replace(s, '^\$|\$$', '', 'g')) = '' THEN 0
     ELSE fin_cents_of(fin_dollars_text(trim(regexp_replace(s, '^\$|\$$', '', 'g')))) END`,
  // parseCents (2004–2013 lists).
  String.raw`CREATE OR REPLACE TEMP MACRO fin_cents(s) AS CASE WHEN s = '' THEN 0 WHEN regexp_full_match(s, '-?\d{1,17}') THEN s::BIGINT END`,
  String.raw`CREATE OR REPLACE TEMP MACRO fin_postal(s) AS CASE WHEN regexp_matches(s, '[\s-]') THEN regexp_replace(upper(s), '[\s-]+', '', 'g') ELSE upper(s) END`,
  String.raw`CREATE OR REPLACE TEMP MACRO fin_rollup(s) AS regexp_matches(s, '(?i)\b(contributions?|contributors|donateurs|donations|anonym\w*|anonyme)\b')`,
  // splitName on a name whose spaces are already single: 'Last, First M' or 'First M Last'.
  String.raw`CREATE OR REPLACE TEMP MACRO fin_initial(w) AS regexp_full_match(w, '[A-Za-z]\.?')`,
  String.raw`CREATE OR REPLACE TEMP MACRO fin_split_rest(last, rest) AS CASE WHEN len(rest) > 1 AND fin_initial(rest[-1])
     THEN {'last': last, 'first': array_to_string(rest[:-2], ' '), 'middle': replace(rest[-1], '.', '')}
     ELSE {'last': last, 'first': array_to_string(rest, ' '), 'middle': ''} END`,
  String.raw`CREATE OR REPLACE TEMP MACRO fin_split_words(parts) AS CASE
     WHEN len(parts) = 1 THEN {'last': parts[1], 'first': '', 'middle': ''}
     WHEN len(parts) > 2 AND fin_initial(parts[-2]) THEN {'last': parts[-1], 'first': array_to_string(parts[:-3], ' '), 'middle': replace(parts[-2], '.', '')}
     ELSE {'last': parts[-1], 'first': array_to_string(parts[:-2], ' '), 'middle': ''} END`,
  String.raw`CREATE OR REPLACE TEMP MACRO fin_split(n) AS CASE
     WHEN strpos(n, ',') > 0 THEN fin_split_rest(trim(n[:strpos(n, ',') - 1]), string_split(trim(n[strpos(n, ',') + 1:]), ' '))
     ELSE fin_split_words(string_split(n, ' ')) END`,
];

/** JavaScript's `\s` for RE2 (whose `\s` is ASCII only): names split on a no-break space too. */
const WS = String.raw`[\t\n\x{0B}\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]`;
const WS_NOT_SPACE = String.raw`[\t\n\x{0B}\f\r\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]`;

/** A name with single spaces (splitName's first step). */
const oneSpaced = (col: string) => `CASE WHEN regexp_matches(${col}, '  |${WS_NOT_SPACE}') THEN trim(regexp_replace(${col}, '${WS}+', ' ', 'g'), ' ') ELSE ${col} END`;

const PARTY_NAME = [
  [String.raw`(?i)lib[ée]ral`, 'Liberal Party of Canada'],
  [String.raw`(?i)conservat`, 'Conservative Party of Canada'],
  [String.raw`(?i)new democratic|npd|nouveau parti|ndp`, 'New Democratic Party'],
  [String.raw`(?i)green|vert`, 'Green Party of Canada'],
  [String.raw`(?i)bloc`, 'Bloc Québécois'],
] as const;
const PARTY_ITSELF = String.raw`(?i)^(the )?(liberal party of canada|parti lib[ée]ral du canada|conservative party of canada|parti conservateur du canada|new democratic party|nouveau parti d[ée]mocratique|npd|ndp|green party of canada|parti vert du canada|bloc qu[ée]b[ée]cois)\b`;

const t = (i: number) => `t${i}`;

/** The columns of the layout that are read (trimmed as t0, t1...). */
function usedColumns(layout: Layout): number[] {
  if (layout === 'ec-2004') return [0, 2, 3, 4, 5, 6, 7];
  return [0, 1, 2, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, ...(layout === 'ec-27' ? [26] : [])];
}

const wanted = (layout: Layout) => (layout === 'ec-27' ? 27 : layout === 'ec-26' ? 26 : 8);

/**
 * The file's records, numbered and parsed, as a SQL query: `row` (data-row number), `fields`
 * (set when not the layout's count), trimmed columns t<i>, parsed `received`, `monetary`,
 * `non_monetary` (NULL when unreadable) and `reason` (NULL for a good row).
 */
function parsedSql(src: CsvSource, options: string): string {
  const want = wanted(src.layout);
  const skip = src.header ? 1 : 0;
  const fields = `(${Array.from({ length: WIDTH }, (_, i) => `(c${i} IS NOT NULL)::INTEGER`).join(' + ')})`;
  const l1 = `SELECT ordinality - ${skip} AS "row", CASE WHEN c${want - 1} IS NULL OR c${want} IS NOT NULL THEN ${fields} END AS fields,
      ${usedColumns(src.layout).map((i) => `trim(coalesce(c${i}, '')) AS t${i}`).join(', ')}
    FROM read_csv($path, ${options}) WITH ORDINALITY`;
  const [d, a, n] = src.layout === 'ec-2004' ? [3, 4, -1] : [22, 23, 24];
  const l2 = `SELECT *, fin_date(${t(d)}) AS received, ${src.layout === 'ec-2004' ? `fin_cents(${t(a)})` : `fin_dollars(${t(a)})`} AS monetary,
      ${n < 0 ? '0' : `fin_dollars(${t(n)})`} AS non_monetary FROM (${l1}) WHERE "row" >= 1`;
  const reason = `CASE WHEN fields IS NOT NULL THEN fields || ' fields, expected ${want}'
      WHEN ${t(d)} <> '' AND received IS NULL THEN 'unreadable date ''' || ${t(d)} || ''''
      WHEN monetary IS NULL THEN 'unreadable amount ''' || ${t(a)} || ''''
      ${n < 0 ? '' : `WHEN non_monetary IS NULL THEN 'unreadable non-monetary amount ''' || ${t(n)} || ''''`} END`;
  return `SELECT *, ${reason} AS reason FROM (${l2})`;
}

/** The finance_contributions columns of the good parsed rows (mapRecord in SQL). */
function mappedSql(src: CsvSource, parsed: string): string {
  if (src.layout === 'ec-2004') {
    const party = `CASE ${PARTY_NAME.map(([re, name]) => `WHEN regexp_matches(t0, ${lit(re)}) THEN ${lit(name)}`).join(' ')} ELSE '' END`;
    const named = `SELECT *, fin_split(name1) AS nm FROM (SELECT *, ${oneSpaced('t2')} AS name1 FROM (${parsed}) WHERE reason IS NULL)`;
    return `SELECT "row",
      CASE WHEN regexp_matches(t0, ${lit(PARTY_ITSELF)}) THEN 'Registered parties' ELSE 'Registered associations' END AS political_entity,
      regexp_replace(regexp_replace(strip_accents(lower(t0)), '[^a-z0-9]+', '-', 'g'), '^-|-$', '', 'g') AS recipient_id,
      t0 AS recipient, ${party} AS party, '' AS district, '' AS event, 'Individuals' AS contributor_type, t2 AS contributor_name,
      nm['last'] AS last_name, nm['first'] AS first_name, nm['middle'] AS middle, t5 AS city, upper(t6) AS province,
      fin_postal(t7) AS postal, received, monetary AS monetary_cents, 0 AS non_monetary_cents, '' AS given_through,
      '' AS leadership_contestant, fin_rollup(t2) AS rollup
      FROM (${named})`;
  }
  const split = `t16 = '' AND t17 = '' AND t15 <> ''`;
  const named = `SELECT *, CASE WHEN ${split} THEN fin_split(name1) ELSE {'last': t16, 'first': t17, 'middle': t18} END AS nm
    FROM (SELECT *, CASE WHEN ${split} THEN ${oneSpaced('t15')} END AS name1 FROM (${parsed}) WHERE reason IS NULL)`;
  return `SELECT "row", t0 AS political_entity, t1 AS recipient_id, t2 AS recipient, t6 AS party, t7 AS district, t8 AS event,
    t14 AS contributor_type,
    CASE WHEN t15 <> '' THEN t15 ELSE concat_ws(' ', nullif(nm['first'], ''), nullif(nm['middle'], ''), nullif(nm['last'], '')) END AS contributor_name,
    nm['last'] AS last_name, nm['first'] AS first_name, nm['middle'] AS middle,
    t19 AS city, upper(t20) AS province, fin_postal(t21) AS postal, received, monetary AS monetary_cents,
    non_monetary AS non_monetary_cents, t25 AS given_through, ${src.layout === 'ec-27' ? 't26' : `''`} AS leadership_contestant,
    fin_rollup(t15) OR fin_rollup(t14) AS rollup
    FROM (${named})`;
}

const OUT_COLUMNS = [
  'political_entity', 'recipient_id', 'recipient', 'party', 'district', 'event', 'contributor_type', 'contributor_name',
  'last_name', 'first_name', 'middle', 'city', 'province', 'postal', 'received', 'monetary_cents', 'non_monetary_cents',
  'given_through', 'leadership_contestant', 'rollup',
];

const NOT_TEXT = new Set(['received', 'monetary_cents', 'non_monetary_cents', 'rollup']);

let seq = 0;

/**
 * Load a contribution file with DuckDB's CSV reader (C++, in parallel) straight into
 * `finance_contributions`, mapped and checked in SQL: each record numbered in file order
 * (header excluded, as the streaming reader numbers them), malformed ones counted with their
 * reason. `null` when the file needs the streaming reader (a record DuckDB rejects: more than
 * 40 fields, invalid text, an unterminated quote; or whitespace-only lines, which the
 * streaming reader skips without numbering): nothing is left stored.
 */
export async function loadCsv(tx: SqlTransaction, fileId: number, file: string, src: CsvSource, errorsListed: number): Promise<BulkLoad | null> {
  for (const m of MACROS) await tx.run(m);
  const rejects = `fin_rejects_${process.pid}_${++seq}`;
  const columns = Array.from({ length: WIDTH }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const options = (parallel: boolean) => `header=false, auto_detect=false, columns={${columns}}, delim=${lit(src.delimiter)}, quote='"', escape='"',
    null_padding=true, nullstr='\u0001', strict_mode=false, encoding=${lit(src.encoding)}, compression=${src.gzip ? `'gzip'` : `'none'`},
    max_line_size=1048576, parallel=${parallel}, store_rejects=true, rejects_table='${rejects}', rejects_scan='${rejects}_scan'`;
  const insert = (parallel: boolean) => tx.run(
    `INSERT INTO finance_contributions (file_id, file, "row", ${OUT_COLUMNS.join(', ')})
     SELECT $fileId, $file, "row", ${OUT_COLUMNS.join(', ')} FROM (${mappedSql(src, parsedSql(src, options(parallel)))})`,
    { fileId, file, path: src.path },
  );
  let parallel = true;
  try {
    try {
      await insert(true);
    } catch (err) {
      // Quoted line breaks with null padding: DuckDB reads such a file on one thread.
      if (!/null_padding|parallel/i.test(String(err instanceof Error ? err.message : err))) throw err;
      parallel = false;
      await insert(false);
    }
    const [rej] = await tx.query(`SELECT count(*) AS n FROM ${rejects}`);
    const [rec] = await tx.query(
      `SELECT count(*) AS records, count(*) FILTER (WHERE c1 IS NULL AND trim(c0) = '') AS blank FROM read_csv($path, ${options(parallel)})`,
      { path: src.path },
    );
    const [stored] = await tx.query(`SELECT count(*) AS rows, count(*) FILTER (WHERE rollup) AS rollups FROM finance_contributions WHERE file_id = $fileId`, { fileId });
    if (Number(rej!.n) > 0 || Number(rec!.blank) > 0) {
      await tx.run(`DELETE FROM finance_contributions WHERE file_id = $fileId`, { fileId });
      return null;
    }
    // As the streaming reader stores them: control characters (a quoted line break, a tab) as spaces.
    const texts = OUT_COLUMNS.filter((col) => !NOT_TEXT.has(col));
    await tx.run(
      `UPDATE finance_contributions SET ${texts.map((col) => `${col} = regexp_replace(${col}, '[\\x00-\\x1f\\x7f]', ' ', 'g')`).join(', ')}
        WHERE file_id = $fileId AND regexp_matches(concat(${texts.join(', ')}), '[\\x00-\\x1f\\x7f]')`,
      { fileId },
    );
    const rows = Number(stored!.rows);
    const malformed = Number(rec!.records) - (src.header ? 1 : 0) - rows;
    const errors = malformed > 0 && errorsListed > 0
      ? await tx.query(`SELECT "row", reason FROM (${parsedSql(src, options(parallel))}) WHERE reason IS NOT NULL ORDER BY "row" LIMIT ${Math.trunc(errorsListed)}`, { path: src.path })
      : [];
    return { rows, rollups: Number(stored!.rollups), malformed, errors: errors.map((e) => ({ row: Number(e.row), reason: String(e.reason) })) };
  } finally {
    await tx.run(`DROP TABLE IF EXISTS ${rejects}`).catch(() => undefined);
    await tx.run(`DROP TABLE IF EXISTS ${rejects}_scan`).catch(() => undefined);
  }
}
