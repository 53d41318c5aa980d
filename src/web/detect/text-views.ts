/**
 * Rewrites a rule can ask for before its patterns run (`transforms:` in the rule), for
 * evasions that a general decoder should not undo for every rule: shell quoting, JavaScript
 * escapes, base64 wrapping. Each returns its input unchanged (same string) when there is
 * nothing to rewrite, so clean values cost one test.
 */

/** The names a rule can list under `transforms`. */
export type TransformName = 'shell_unescape' | 'js_unescape' | 'base64_decode';

// Each alternative is something the shell expands to nothing between the letters of a word.
const EMPTY_EXPANSIONS = /\\(?=[^\s])|['"^]|\$[@*!#?-]|\$\{\s*\}|\$\(\s*\)|<\(\s*\)|``|(?<=[a-z])\$[a-z_]\w{0,15}\b(?![({[])/gi;
// The field separator becomes a real space.
const IFS = /\$\{\s*ifs\s*\}|\$ifs\b/gi;

/**
 * Undoes the quoting tricks a shell ignores but a pattern would not: `w'h'o"am"i`, `\c\a\t`,
 * `c$@at`, `uname$u`, `ping\`\``, `pi<()ng`, `${IFS}`, `c^m^d` (the role of ModSecurity's
 * `t:cmdLine`), so one word list covers every spelling.
 *
 * @example
 * shellUnescape("w'h'o\\am$@i")        // "whoami"
 * shellUnescape('cat${IFS}/etc/hosts') // "cat /etc/hosts"
 */
export function shellUnescape(text: string): string {
  if (!/[\\'"^$`<]/.test(text)) return text;
  return text.replace(IFS, ' ').replace(EMPTY_EXPANSIONS, '');
}

const JS_ESCAPE = /\\u\{([0-9a-f]{1,6})\}|\\u([0-9a-f]{4})|\\x([0-9a-f]{2})/gi;

/**
 * Reads JavaScript string escapes (`c\u006fnsole`, `\x72equire`, `\u{6f}`).
 *
 * @example
 * jsUnescape('c\\u006fnsole.log(1)') // "console.log(1)"
 */
export function jsUnescape(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(JS_ESCAPE, (_, braced?: string, u?: string, x?: string) => {
    const code = parseInt(braced ?? u ?? x ?? '0', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

// Long enough that ordinary words and ids are not taken for base64; bounded for cost.
const BASE64_RUN = /[A-Za-z0-9+/]{12,4096}={0,2}/g;
const MAX_DECODED_RUNS = 4;

/**
 * Appends, after a newline, the text of each base64 run that decodes to printable ASCII, so a
 * payload wrapped in base64 (a cookie, a parameter) is matched like the plain one.
 *
 * @example
 * base64Decode('t=cHJvY2Vzcy5lbnY=') // "t=cHJvY2Vzcy5lbnY=\nprocess.env"
 */
export function base64Decode(text: string): string {
  if (text.length < 12) return text;
  let out = text;
  let runs = 0;
  for (const m of text.matchAll(BASE64_RUN)) {
    if (runs++ >= MAX_DECODED_RUNS) break;
    const run = m[0];
    // Only strings with both cases or digits: a run of plain letters is a word, not base64.
    if (!/[A-Z]/.test(run) || !/[a-z0-9]/.test(run)) continue;
    const decoded = Buffer.from(run, 'base64').toString('latin1');
    if (/^[\x09\x0a\x0d\x20-\x7e]+$/.test(decoded)) out += `\n${decoded}`;
  }
  return out;
}

const VIEWS: Record<TransformName, (text: string) => string> = {
  shell_unescape: shellUnescape,
  js_unescape: jsUnescape,
  base64_decode: base64Decode,
};

/** The composition of the named transforms, or undefined when there are none. */
export function textView(names: readonly TransformName[] | undefined): ((text: string) => string) | undefined {
  if (names === undefined || names.length === 0) return undefined;
  const fns = names.map((n) => VIEWS[n]);
  return (text) => fns.reduce((t, f) => f(t), text);
}
