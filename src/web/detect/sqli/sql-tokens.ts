import { readWordList } from '../word-lists.js';

/**
 * A small SQL tokenizer in the manner of libinjection: it reads a request value as if it were
 * pasted into a SQL statement, and reduces it to a fingerprint, one character per token.
 *
 * Token types: `s` string, `1` number or literal (`null`, `true`), `n` bareword, `v` variable
 * (`@x`, `@@version`), `f` known SQL function followed by `(`, `k` clause keyword (`from`,
 * `where`...), `E` statement start (`select`, `drop`...), `U` `union`, `B` `order by` /
 * `group by`, `&` logic operator (`and`, `or`, `||`), `o` other operator, `(` `)` `,` `;`, and
 * `c` a comment that runs to the end of the value.
 *
 * Comment and whitespace tricks are folded away as the tokens are read: a closed `/*...*\/`
 * or a `--`/`#` comment followed by more text counts as a space, MySQL's `/*!50000 ... *\/`
 * executable comments are read as code, so `union/**\/select` and `/*!union*\/ select` give the
 * same tokens as `union select`.
 */

/** How a value is read: from the start as SQL, or as if a `'` or `"` string were already open. */
export type SqlContext = 'none' | "'" | '"';

/** Tokens of one value: types as a string, with each token's start and end offsets. */
export interface SqlTokens {
  fingerprint: string;
  starts: number[];
  ends: number[];
}

/** Enough tokens for every fingerprint rule: libinjection itself looks at five. */
export const MAX_TOKENS = 24;

const WORD_TYPES = new Map<string, string>();
function words(type: string, list: string): void {
  for (const w of list.split(' ')) WORD_TYPES.set(w, type);
}
words('E', 'select insert update delete drop create alter truncate exec execute declare shutdown grant revoke rename merge handler replace print');
words('U', 'union intersect');
words('&', 'and or xor');
words('o', 'not like rlike regexp glob is in between div mod sounds escape collate notnull isnull');
words('k', 'from where having limit offset into outfile dumpfile table database values case when then else end procedure waitfor delay exists distinct all top join');
words('1', 'null true false');
// Niladic functions read like variables: `select current_user`.
words('v', 'current_user session_user system_user current_date current_time current_timestamp localtime');

/**
 * SQL functions attackers call; a bareword followed by `(` is only `f` when it is one of these:
 * the hand-picked ones below (MySQL, MSSQL and Oracle among them) and every built-in function of
 * PostgreSQL and SQLite that is no English word (`rules/web/data/sql-builtins.txt`, generated
 * from the databases themselves), so a call to a function no rule author thought of is still a call.
 */
const FUNCTIONS = new Set(
  ('sleep benchmark pg_sleep waitfor char chr nchar concat concat_ws group_concat substring substr mid ascii ord ' +
    'length len count version database user current_user system_user session_user schema load_file extractvalue ' +
    'updatexml if ifnull isnull nullif coalesce cast convert hex unhex md5 sha1 rand floor exp json_extract ' +
    'randomblob dbms_pipe utl_inaddr make_set elt instr locate position replace reverse lower upper trim ' +
    'db_name user_name host_name is_srvrolemember xp_cmdshell row_to_json string_agg array_agg unistr ' +
    'find_in_set strcmp bin conv char_length gtid_subset polygon multipoint geometrycollection name_const ' +
    'compress uncompress cos sin pow power rtrim ltrim now pi ln log minute time date lcase ucase json_build_object ' +
    'json_object starts_with encode decode lo_get overlay iif openrowset opendatasource sp_executesql insert ' +
    'current_setting current_database pg_read_file lo_import tochar to_char sqlite_version randomblob zeroblob typeof unicode').split(' '),
);
for (const name of readWordList('sql-builtins')) FUNCTIONS.add(name);

/** Keywords that are also functions when called: `select database()`, `insert(str, 1, 2, 'x')`, `replace(a, b, c)`. */
const CALLABLE_KEYWORDS = new Set(['database', 'schema', 'insert', 'replace']);

function isWordStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24 || c >= 0x80;
}
function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c >= 0xc0;
}
function isWordChar(c: number): boolean {
  return isWordStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x2b /* + left undecoded */;
}

/**
 * Tokenizes `value` read in `context` (up to {@link MAX_TOKENS} tokens).
 *
 * @example
 * sqlTokens("1' or '1'='1", "'").fingerprint // 's&sos'
 * sqlTokens('1 union/**\/select 2', 'none').fingerprint // '1UE1'
 */
export function sqlTokens(value: string, context: SqlContext): SqlTokens {
  const t: SqlTokens = { fingerprint: '', starts: [], ends: [] };
  let i = 0;
  if (context !== 'none') {
    const close = value.indexOf(context);
    push(t, 's', 0, close < 0 ? value.length : close + 1);
    if (close < 0) return t;
    i = close + 1;
  }
  const n = value.length;
  while (i < n && t.starts.length < MAX_TOKENS) i = readToken(value, i, t);
  return t;
}

function push(t: SqlTokens, type: string, start: number, end: number): void {
  t.fingerprint += type;
  t.starts.push(start);
  t.ends.push(end);
}

/** Reads one token (or skips space or a folded comment) at `i`; returns the next offset. */
function readToken(s: string, i: number, t: SqlTokens): number {
  const c = s.charCodeAt(i);
  if (isSpace(c)) return i + 1;
  if (c === 0x27 || c === 0x22) return readString(s, i, c, t);
  if (c === 0x60) return readQuotedName(s, i, '`', t);
  if (c === 0x5b) return readQuotedName(s, i, ']', t);
  if (isDigit(c) || (c === 0x2e && isDigit(s.charCodeAt(i + 1)))) return readNumber(s, i, t);
  if (isWordStart(c)) return readWord(s, i, t);
  // PostgreSQL JSON operators (`@>`, `#>>`) before the variable and comment readers claim them.
  if ((c === 0x40 || c === 0x23) && s.charCodeAt(i + 1) === 0x3e) return readOperator(s, i, t);
  if (c === 0x40) return readVariable(s, i, t);
  if (c === 0x2f && s.charCodeAt(i + 1) === 0x2a) return readBlockComment(s, i, t);
  if (c === 0x2a && s.charCodeAt(i + 1) === 0x2f) return i + 2; // the end of an executable comment
  // `#` glued to a letter is a hashtag in text (`#elxn45`); MySQL's `#` comment ends a payload
  // (`admin'#`) or is followed by a space or a line break.
  if (c === 0x23 && isLetter(s.charCodeAt(i + 1))) return i + 1;
  if (c === 0x23 || (c === 0x2d && s.charCodeAt(i + 1) === 0x2d)) return readLineComment(s, i, t);
  if (c === 0x28 || c === 0x29 || c === 0x2c || c === 0x3b) {
    push(t, String.fromCharCode(c), i, i + 1);
    return i + 1;
  }
  if (c === 0x7b || c === 0x7d || c === 0x5c || c === 0x2e) return i + 1; // ODBC braces, stray escapes
  // `?` is PostgreSQL's JSON key operator only between spaces (`? 'a'`, `?| array`); glued to
  // text it is a placeholder or punctuation (`<?xpacket begin="?"`).
  if (c === 0x3f && !/[\s|&]/.test(s.charAt(i + 1))) return i + 1;
  return readOperator(s, i, t);
}

function readString(s: string, i: number, quote: number, t: SqlTokens): number {
  let j = i + 1;
  for (;;) {
    const close = s.indexOf(String.fromCharCode(quote), j);
    if (close < 0) {
      push(t, 's', i, s.length);
      return s.length;
    }
    // A doubled quote is an escaped quote inside the string.
    if (s.charCodeAt(close + 1) === quote) {
      j = close + 2;
      continue;
    }
    push(t, 's', i, close + 1);
    return close + 1;
  }
}

function readQuotedName(s: string, i: number, close: string, t: SqlTokens): number {
  const end = s.indexOf(close, i + 1);
  const stop = end < 0 ? s.length : end + 1;
  push(t, 'n', i, stop);
  return stop;
}

function readNumber(s: string, i: number, t: SqlTokens): number {
  let j = i;
  if (s.charCodeAt(i) === 0x30 && (s.charCodeAt(i + 1) | 0x20) === 0x78) {
    j = i + 2;
    while (j < s.length && /[0-9a-f]/i.test(s[j]!)) j++;
  } else {
    while (j < s.length && (isDigit(s.charCodeAt(j)) || s.charCodeAt(j) === 0x2e)) j++;
    if ((s.charCodeAt(j) | 0x20) === 0x65 && /[-+]?\d/.test(s.slice(j + 1, j + 3))) {
      j += 2;
      while (j < s.length && isDigit(s.charCodeAt(j))) j++;
    }
  }
  push(t, '1', i, j);
  return j;
}

function readWord(s: string, i: number, t: SqlTokens): number {
  let j = i + 1;
  // `@` inside a word is an e-mail address, not a variable: grant@example.org is one name.
  while (j < s.length && (isWordChar(s.charCodeAt(j)) || (s.charCodeAt(j) === 0x40 && isWordStart(s.charCodeAt(j + 1))))) j++;
  const word = s.slice(i, j).toLowerCase();
  // String literals with a prefix: N'...', x'41', b'01', E'...'.
  if (j - i === 1 && (s.charCodeAt(j) === 0x27) && 'nxbe'.includes(word)) return readString(s, j, 0x27, t);
  let type = WORD_TYPES.get(word) ?? 'n';
  if (word === 'order' || word === 'group') {
    const by = /^\s+by\b/i.exec(s.slice(j, j + 12));
    if (by !== null) {
      push(t, 'B', i, j + by[0].length);
      return j + by[0].length;
    }
  }
  // `database(`, `schema(`, `insert(` are calls, though the bare words are keywords.
  if ((type === 'n' || CALLABLE_KEYWORDS.has(word)) && FUNCTIONS.has(word) && nextNonSpace(s, j) === 0x28) type = 'f';
  push(t, type, i, j);
  return j;
}

function nextNonSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  if (s.startsWith('/*', i)) {
    const end = s.indexOf('*/', i + 2);
    if (end > 0) return nextNonSpace(s, end + 2);
  }
  return s.charCodeAt(i);
}

function readVariable(s: string, i: number, t: SqlTokens): number {
  let j = i + 1;
  if (s.charCodeAt(j) === 0x40) j++;
  while (j < s.length && isWordChar(s.charCodeAt(j))) j++;
  push(t, j - i > 1 ? 'v' : 'o', i, j);
  return j;
}

function readBlockComment(s: string, i: number, t: SqlTokens): number {
  if (s.charCodeAt(i + 2) === 0x21 /* ! */) {
    // MySQL executable comment: its body is code; skip the marker and version number.
    let j = i + 3;
    while (j < s.length && isDigit(s.charCodeAt(j))) j++;
    return j;
  }
  const end = s.indexOf('*/', i + 2);
  if (end < 0 || end + 2 >= s.length) {
    push(t, 'c', i, s.length);
    return s.length;
  }
  return end + 2;
}

function readLineComment(s: string, i: number, t: SqlTokens): number {
  const nl = s.indexOf('\n', i);
  if (nl < 0 || s.slice(nl).trim() === '') {
    push(t, 'c', i, s.length);
    return s.length;
  }
  return nl + 1;
}

const OPERATORS = ['<=>', '->>', '#>>', '!=', '<>', '>=', '<=', ':=', '::', '->', '<<', '>>', '||', '&&', '==', '<@', '@>', '#>', '?|', '?&'];

function readOperator(s: string, i: number, t: SqlTokens): number {
  for (const op of OPERATORS) {
    if (s.startsWith(op, i)) {
      push(t, op === '||' || op === '&&' ? '&' : 'o', i, i + op.length);
      return i + op.length;
    }
  }
  push(t, 'o', i, i + 1);
  return i + 1;
}
