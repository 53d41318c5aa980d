import { MAX_TOKENS, sqlTokens, type SqlContext, type SqlTokens } from './sql-tokens.js';

/**
 * Decides whether a request value is SQL injection from its token fingerprints
 * ({@link sqlTokens}), trying it in the three contexts an application may paste it into:
 * inside a `'` string, inside a `"` string, or bare (a number or a column name).
 *
 * Instead of libinjection's database of thousands of fingerprints, a short list of
 * token-sequence shapes, each with its meaning in words. What makes them precise is the
 * context: in a quoted context the fingerprint starts with the string the value closes, so
 * `O'Brien` or `l'or et l'argent` (a closed string followed by plain words) is text, while
 * `x' or 1=1--` (a closed string followed by a condition) is an attack.
 */

/** One fingerprint shape: a regular expression over the folded token types. */
interface Shape {
  id: string;
  /** Contexts the shape applies in: shapes anchored on a closed string only make sense quoted. */
  quoted: boolean;
  bare: boolean;
  re: RegExp;
  meaning: string;
}

// Operand: string, number/literal, variable, function call (folded to one `f`).
const SHAPES: readonly Shape[] = [
  { id: 'union-select', quoted: true, bare: true, re: /U\(*k?\(*E/, meaning: 'UNION followed by SELECT appends a query' },
  { id: 'stacked', quoted: true, bare: true, re: /;\(*E(?:[1fvok(]|n[k,;c(]|n$|$)/, meaning: 'a second statement after a semicolon' },
  { id: 'close-condition', quoted: true, bare: false, re: /^s\)*&\(*(?:[1vf]\)*(?:o|c|;|&|B|U|\)|$)|s|n\()/, meaning: 'the value closes a quoted string and adds a condition' },
  { id: 'close-compare', quoted: true, bare: false, re: /^s\)*&\(*n\)*o\(*(?:[1snvf]|k?\(+E)/, meaning: 'the value closes a quoted string and adds a comparison' },
  { id: 'close-union', quoted: true, bare: false, re: /^s\)*U/, meaning: 'the value closes a quoted string and starts a UNION' },
  { id: 'close-dangling', quoted: true, bare: false, re: /^s\)*&\(*[1snv]\)*o{1,2}\(*(?:c|$)/, meaning: 'the value closes a quoted string and starts a comparison' },
  { id: 'close-comment', quoted: true, bare: false, re: /^s\)*;?c/, meaning: 'the value closes a quoted string and comments out the rest of the query' },
  { id: 'close-cut', quoted: true, bare: false, re: /^s\)*[&o]\(*[1nvf]{0,2}\)*(?:o{1,2}\(*[1nvf]?\)*)?c$/, meaning: 'the value closes a quoted string, adds a condition and comments out the rest of the query' },
  { id: 'close-statement', quoted: true, bare: false, re: /^s\)*;(?:[Ec(]|$)/, meaning: 'the value closes a quoted string and ends the statement' },
  { id: 'close-insert', quoted: true, bare: false, re: /^s\)*;?E/, meaning: 'the value closes a quoted string and starts a statement' },
  { id: 'close-clause', quoted: true, bare: false, re: /^s\)*(?:B|k[1nsvf(k])/, meaning: 'the value closes a quoted string and adds a SQL clause' },
  { id: 'close-operator', quoted: true, bare: false, re: /^s\)*o\(*(?:[1svfE]|n\)*[o&c]|c)/, meaning: 'the value closes a quoted string and continues the expression' },
  { id: 'number-condition', quoted: false, bare: true, re: /^[1v]\)*&\(*[1svf]\)*(?:o|c|;|&|\)|$)/, meaning: 'a number followed by a condition' },
  { id: 'number-compare', quoted: false, bare: true, re: /^[1nv]\)*&\(*[1nsvf]\)*o\(*[1snvf]\)*(?:c|;|&|o|\)|$)/, meaning: 'a value followed by a comparison that is always true or false' },
  { id: 'compare-comment', quoted: false, bare: true, re: /^[1v]\)*o\(*[1sv]\)*&?\(*c/, meaning: 'a comparison whose rest of the query is commented out' },
  { id: 'number-comment', quoted: false, bare: true, re: /^[1v]\)*c|^1\)*[&o]\(*[1f]\)*c/, meaning: 'a value closed by a parenthesis or an expression, then a comment' },
  { id: 'number-clause', quoted: false, bare: true, re: /^[1nv]\)*(?:B\(*[1n]|;\(*E)|^[1v]\)*k[1n(]/, meaning: 'a value followed by ORDER BY, a second statement or a clause' },
  { id: 'number-function', quoted: false, bare: true, re: /^[1nv]\)*[&o]\(*(?:f|E)/, meaning: 'a value followed by a SQL function call or subquery' },
  { id: 'statement', quoted: false, bare: true, re: /^\(*E(?:\(*[1fvo]|\(*k|n?k|n(?:,n)*B)|^\(*E\(*f|^f\(*[E;]/, meaning: 'a SQL statement' },
  { id: 'statement-end', quoted: false, bare: true, re: /^\(*En;?c$|^\(*En;$/, meaning: 'a statement on a named object, ended and commented' },
  { id: 'condition', quoted: false, bare: true, re: /^\)*&\(*(?:[1sv]\)*o\(*[1snvf]|n\)*o\(*[1snv]\)*(?:c|$)|[1v]\)*(?:c|$)|f|\(E)|^\)+&\(*[1svnf]|^[&o]\(*E/, meaning: 'a condition that begins with AND or OR' },
  { id: 'dangling-condition', quoted: false, bare: true, re: /^&\(*[1svn]\)*o\(*$/, meaning: 'a condition that begins with AND or OR and is cut before its operand' },
  { id: 'function-call', quoted: false, bare: true, re: /^,?\(*f\)*(?:$|[o&c;,)])/, meaning: 'a value that is a SQL function call' },
  { id: 'in-list', quoted: false, bare: true, re: /^o\(+[1s]\)*(?:,\(*[1s]\)*)+(?:$|[)c;])/, meaning: 'an IN (...) list that extends a condition' },
  { id: 'order-by-probe', quoted: false, bare: true, re: /^\)*B\(*1/, meaning: 'ORDER BY a column number, to count the columns of a query' },
];

/** A SQL injection found in one value. */
export interface SqliMatch {
  /** Folded token fingerprint, e.g. `s&1o1c`. */
  fingerprint: string;
  /** Shape that matched, e.g. `close-condition`. */
  shape: string;
  meaning: string;
  context: SqlContext;
  /** The part of the value the matched tokens span. */
  fragment: string;
}

/**
 * Function names that are also English words (`if`, `time`, `count`...): a call reads as SQL
 * only written as code, with the parenthesis right after the name.
 */
const SQL_SPECIFIC_CALL = /^\s*,?\s*\(*\s*(?:[a-z_]+\(|(?:ascii|benchmark|bin|cast|char|chr|coalesce|compress|concat(?:_ws)?|conv|convert|cos|database|db_name|elt|extractvalue|find_in_set|group_concat|hex|ifnull|instr|isnull|json_\w+|lcase|load_file|ltrim|md5|nullif|ord|pg_sleep|pow|rand|rtrim|schema|sha1|sin|sleep|strcmp|substr(?:ing)?|ucase|uncompress|unhex|updatexml|user_name|utl_\w+|xp_\w+)\s*\()/i;
/** The operators of a comparison, as `compare-comment` needs: `1='1' or--` compares, `5-3 --` counts. */
const COMPARISON = /^(?:=|==|<>|!=|<=>|<|>|<=|>=|r?like|regexp)$/;
/** The operator word of the `in-list` shape. */
const IN_LIST = /^\s*(?:not\s+)?in\s*\(/i;
/** `1=1`, `'a'='a'`: a comparison of a value with itself, the shape of every tautology probe. */
const TAUTOLOGY = /(?:^|[\s,(])(\d{1,10}|'[^']{0,20}'|"[^"]{0,20}")\s*=\s*\1\s*(?:$|--|#|\)|;)/;

/**
 * MSSQL system procedures run by name (with or without a separator before), and arithmetic on
 * a SQL boolean (`1-true`): probes that the database evaluates and no person types.
 */
const MSSQL_EXEC = /\bexec(?:ute)?\s+(?:master\.|xp_|sp_)[\w.]*|^\s*-?\d{1,10}\s*[-+*/]\s*(?:true|false|null)\s*$/i;

/** A dangling condition ends on a comparison sign or an opening parenthesis: `or x=`, `and 5=(`. */
const DANGLING_END = /[=<>!\-(]\s*$/;

/**
 * Second look at a shape, where a fingerprint alone would take text for SQL: what follows a
 * keyword or an operator word must be SQL syntax, not more words.
 */
function confirmed(shape: string, value: string, context: SqlContext, tokens: SqlTokens, at: number): boolean {
  if (shape === 'function-call') return SQL_SPECIFIC_CALL.test(value);
  if (shape === 'in-list') return IN_LIST.test(value);
  if (shape === 'compare-comment') return COMPARISON.test(text(tokens, value, tokens.fingerprint.indexOf('o', at)));
  if (shape === 'dangling-condition') return DANGLING_END.test(value);
  // `l'union fait la force`, `l'or pur`: an apostrophe glued to a letter is French, not a closing quote.
  if (shape === 'close-union' || shape === 'close-dangling') {
    const close = value.indexOf(context);
    if (close !== 0 && /[\p{L}]/u.test(value.charAt(close + 1))) return false;
  }
  if (shape === 'statement') return statementOk(tokens, value);
  if (shape === 'statement-end') return /^(?:drop|truncate|delete)$/.test(text(tokens, value, tokens.fingerprint.indexOf('E')));
  if (shape === 'close-clause' || shape === 'number-clause') return clauseOk(tokens, value, tokens.fingerprint.indexOf('k', at));
  if (shape === 'close-operator') return operatorOk(tokens, value, tokens.fingerprint.indexOf('o', at));
  return true;
}

function text(tokens: SqlTokens, value: string, i: number): string {
  return value.slice(tokens.starts[i], tokens.ends[i]).toLowerCase();
}

/** Keywords that may follow a value in a statement: the rest of a query an injection appends. */
const AFTER_VALUE = new Set(['from', 'where', 'having', 'limit', 'offset', 'into', 'procedure', 'join', 'waitfor', 'union']);
/** A WHERE or HAVING clause is a condition: an operand and an operator, a call, or a subquery. */
const CONDITION = /^\(*(?:[1nsv]\)*[o&]|[1fE]|\(E)/;

/**
 * A keyword after a value must be one that continues a query (`from`, `where`, `limit`), not
 * one of CASE's (`when`, `then`) or a modifier (`all`, `distinct`); `where` and `having` need
 * a condition after them. `4) Where does one go` and `"When you open your heart` are text.
 */
function clauseOk(tokens: SqlTokens, value: string, k: number): boolean {
  if (k < 0) return true; // ORDER BY / GROUP BY or a second statement: no keyword to judge
  const word = text(tokens, value, k);
  if (!AFTER_VALUE.has(word)) return false;
  return (word !== 'where' && word !== 'having') || CONDITION.test(tokens.fingerprint.slice(k + 1));
}

/**
 * A value that starts a statement must go on as SQL: an operand, a keyword or a name list, and
 * an operator only if it is one that starts an operand (`select *`, `select -1`, `select @@x`).
 * `Update: polls close at 9` and `Drop in turnout` are headlines.
 */
function statementOk(tokens: SqlTokens, value: string): boolean {
  const e = tokens.fingerprint.indexOf('E');
  if (e < 0 || tokens.fingerprint[e + 1] !== 'o') return true;
  return /^(?:\*|-|\+|~|!|@@?\w*)$/.test(text(tokens, value, e + 1));
}

/**
 * An operator word after a closed string must be used as SQL uses it: `in` before a list,
 * `is` before `null`, `not` or a boolean. `' in 2018` and `' is back` are text.
 */
function operatorOk(tokens: SqlTokens, value: string, o: number): boolean {
  if (o < 0) return true;
  const word = text(tokens, value, o);
  const next = tokens.fingerprint[o + 1];
  if (word === 'in') return next === '(';
  // A hyphen glued between a closing quote and a word is prose (`"-match-in-`, `'-based`),
  // not arithmetic on a column: subtraction in a payload takes a number or a call (`'-sleep(5)-'`).
  if ((word === '-' || word === '+') && next === 'n' && tokens.starts[o + 1] === tokens.ends[o]) return false;
  if (word === 'is') return next === '1' || (next === 'o' && text(tokens, value, o + 1) === 'not');
  return true;
}

const LITERAL = String.raw`(?:\d{1,10}(?:\.\d+)?|'[^']{0,40}'|"[^"]{0,40}")`;

/**
 * Whole-value SQL shapes a token fingerprint cannot tell from text, each confirmed by its
 * SQL-only syntax: a comparison of two literals with a SQL operator (`1 is not 2`, `'a' regexp
 * 'b'`), CASE WHEN ... THEN, a column alias before FROM, a WHERE/HAVING condition, a VALUES
 * list, and PostgreSQL's JSON operators on a quoted JSON literal.
 */
const SQL_SYNTAX: ReadonlyArray<{ id: string; re: RegExp; meaning: string; confirm?: (m: RegExpExecArray) => boolean }> = [
  {
    id: 'literal-comparison',
    re: new RegExp(String.raw`^\s*(${LITERAL})\s*(!=|<>|<=>|==|\bis\s+not\b|\bnot\s+(?:r?like|regexp)\b|\b(?:r?like|regexp|sounds\s+like)\b)\s*(${LITERAL})\s*(?:$|--|#|;)`, 'i'),
    // Always true, the point of a boolean probe: a negated operator on two different literals, or a
    // matching operator on the same one (`1 is not 1` or `'a' like 'b'` are no probe of truth).
    confirm: (m) => NEGATED.test(m[2]!) !== (unquote(m[1]!) === unquote(m[3]!)),
    meaning: 'two literals compared with a SQL operator, always true',
  },
  { id: 'case-when', re: /^[\s(]*case\s+when\s+\S.{0,60}?\s+then\s|^[\s(]*\)\s*when\s+\S{1,30}\s+then\b/i, meaning: 'a CASE WHEN ... THEN expression' },
  { id: 'alias-from', re: /^\s*(?:\)+|\d{1,10}|[`"'][\w.]{0,30}[`"']|[`"'])\s*as\s*[`"']?\w{0,30}[`"']?\s+from\b/i, meaning: 'a column alias followed by FROM' },
  // The cast closes the value (or a parenthesis of it): `password::int`, `1+current_user::int`,
  // `(json_build_object(1,password)::jsonb)::int`. The type is written in one case, as SQL is:
  // `Foo::Text` is a Ruby or PHP constant.
  { id: 'postgres-cast', re: /^\s*[^\s:]{1,120}::\s*(?:(?:int[248]?|integer|bigint|smallint|numeric|text|varchar|regclass|oid|jsonb?)|(?:INT[248]?|INTEGER|BIGINT|SMALLINT|NUMERIC|TEXT|VARCHAR|REGCLASS|OID|JSONB?))\s*(?:$|--|;|\))/, meaning: 'a PostgreSQL cast of a column or expression, to make the database print it in an error' },
  {
    id: 'clause-condition',
    re: /^\s*(?:having|where|from\s+[`\w.]{1,60}\s+(?:where|having))\s+[`\w.()]{1,60}\s*(?:[=<>]|!=)|^\s*from\s+`[^`]{1,60}`(?:\.`[^`]{1,60}`)?\s+(?:where|limit|order|group|join)\b/i,
    meaning: 'a WHERE, HAVING or FROM clause',
  },
  { id: 'values-list', re: /^\s*values\s*\(\s*(?:'[^']{0,60}'|\d{1,10})\s*,/i, meaning: 'a VALUES (...) list of an INSERT' },
  { id: 'json-operator', re: /'\s*[{[][^']{0,200}'\s*(?:::\s*jsonb?\b|<@|@>|\?[|&]|#>>?|->>?)|(?:<@|@>|\?[|&]|#>>?)\s*'[{[]/i, meaning: 'a PostgreSQL JSON operator on a JSON literal' },
];

const NEGATED = /^(?:!=|<>|is\s+not|not\s)/i;

function unquote(literal: string): string {
  return /^['"]/.test(literal) ? literal.slice(1, -1) : literal;
}

/** `'`, `1"`, `\\`: the first probe of every injection scanner, nothing a person types alone. */
const QUOTE_PROBE = /^\s*\d{0,10}\s*(?:['"`\\]\s*){1,3}$/;

const CONTEXTS: readonly SqlContext[] = ["'", '"', 'none'];

/**
 * The first SQL injection shape found in `value` (already normalised), or undefined.
 *
 * @example
 * detectSqli("7' OR 1=1--")?.fingerprint // 's&1o1c'
 * detectSqli("l'or et l'argent")         // undefined
 */
export function detectSqli(value: string): SqliMatch | undefined {
  if (QUOTE_PROBE.test(value)) {
    return { fingerprint: 's', shape: 'quote-probe', meaning: EXTRA_MEANINGS['quote-probe']!, context: 'none', fragment: value };
  }
  for (const context of CONTEXTS) {
    if (context !== 'none' && !value.includes(context)) continue;
    const tokens = foldTokens(sqlTokens(value, context), value);
    const quoted = context !== 'none';
    for (const shape of SHAPES) {
      if (quoted ? !shape.quoted : !shape.bare) continue;
      const m = shape.re.exec(tokens.fingerprint);
      if (m === null || !confirmed(shape.id, value, context, tokens, m.index)) continue;
      const first = m.index;
      // Two more tokens than the shape needs, so the evidence shows the whole condition.
      const last = Math.min(m.index + Math.max(m[0].length, 1) + 2, tokens.starts.length) - 1;
      // The quoted context's first token is the string the value closes: evidence starts at the quote.
      const start = quoted && first === 0 ? Math.max(0, tokens.ends[0]! - 1) : tokens.starts[first]!;
      return {
        fingerprint: tokens.fingerprint,
        shape: shape.id,
        meaning: shape.meaning,
        context,
        fragment: value.slice(start, tokens.ends[last]),
      };
    }
  }
  for (const syntax of SQL_SYNTAX) {
    const m = syntax.re.exec(value);
    if (m !== null && (syntax.confirm === undefined || syntax.confirm(m))) return { fingerprint: '', shape: syntax.id, meaning: syntax.meaning, context: 'none', fragment: m[0].trim() };
  }
  const exec = MSSQL_EXEC.exec(value);
  if (exec !== null) {
    return { fingerprint: 'En', shape: 'mssql-exec', meaning: EXTRA_MEANINGS['mssql-exec']!, context: 'none', fragment: exec[0] };
  }
  const same = TAUTOLOGY.exec(value);
  if (same !== null) {
    return { fingerprint: '1o1', shape: 'tautology', meaning: EXTRA_MEANINGS.tautology!, context: 'none', fragment: same[0].trim() };
  }
  return undefined;
}

/**
 * Folds what does not change the meaning: unary signs (`-1`, `!1`, `not 1` read as `1`) and
 * a known function's whole call (`sleep(5)` reads as one `f`).
 */
export function foldTokens(t: SqlTokens, value: string): SqlTokens {
  const out: SqlTokens = { fingerprint: '', starts: [], ends: [] };
  const fp = t.fingerprint;
  for (let i = 0; i < fp.length; i++) {
    const type = fp[i]!;
    if (type === 'o' && isUnary(fp, i, out.fingerprint, value.slice(t.starts[i], t.ends[i]))) continue;
    if (type === 'f' && fp[i + 1] === '(') {
      const close = matchingParen(fp, i + 1);
      out.fingerprint += 'f';
      out.starts.push(t.starts[i]!);
      out.ends.push(t.ends[close] ?? value.length);
      i = close;
      continue;
    }
    out.fingerprint += type;
    out.starts.push(t.starts[i]!);
    out.ends.push(t.ends[i]!);
  }
  return out;
}

const UNARY = new Set(['-', '+', '!', '~', 'not', 'NOT', 'Not']);

function isUnary(fp: string, i: number, folded: string, text: string): boolean {
  if (!UNARY.has(text)) return false;
  const before = folded[folded.length - 1];
  const after = fp[i + 1];
  const atOperandStart = before === undefined || before === '(' || before === '&' || before === 'o' || before === ',' || before === 'E' || before === 'k';
  return atOperandStart && after !== undefined && '1svfn(o'.includes(after);
}

function matchingParen(fp: string, open: number): number {
  let depth = 0;
  for (let j = open; j < fp.length; j++) {
    if (fp[j] === '(') depth++;
    else if (fp[j] === ')' && --depth === 0) return j;
  }
  return Math.min(fp.length, MAX_TOKENS) - 1;
}

/** Meanings of the shapes found outside the token tables. */
const EXTRA_MEANINGS: Record<string, string> = {
  'quote-probe': 'a lone quote sent to provoke a SQL error',
  'mssql-exec': 'an MSSQL system procedure call or arithmetic on a SQL literal',
  tautology: 'a value compared with itself, always true',
};

/**
 * Every shape id {@link detectSqli} can report, with its meaning in English: the web
 * catalogue renders the English reason from it and holds the French beside it (a test checks
 * that every id has both).
 */
export const SQL_SHAPE_MEANINGS: Readonly<Record<string, string>> = Object.fromEntries([
  ...SHAPES.map((s) => [s.id, s.meaning] as const),
  ...SQL_SYNTAX.map((s) => [s.id, s.meaning] as const),
  ...Object.entries(EXTRA_MEANINGS),
]);
