/**
 * The QUT coordination-network-toolkit's text handling, reproduced for its parity mode
 * (`vigie influence network`): its co-tweet key and its co-similar token sets. Its own choices
 * are kept, faults included (Chinese is tokenised character by character, there is no
 * Traditional → Simplified step): vigie's own detection (`scan`) does better, see `normalise/`.
 */

/** `@mention` up to the next whitespace (the toolkit's `social_media_cleaner`). */
const MENTION = /@.*?(?=\s|$)/gu;

/** The toolkit's co-tweet key: lower case, mentions removed, whitespace collapsed. */
export function qutMessageKey(text: string): string {
  let s = text.toLowerCase();
  if (s.includes('@')) s = s.replace(MENTION, '');
  // split(/\s+/).filter(Boolean).join(' '), without the arrays: \s and trim() agree on what is space.
  return LOOSE_SPACE.test(s) ? s.replace(SPACES, ' ').trim() : s;
}

/** Any space but a single ' ' between two other characters. */
const LOOSE_SPACE = /^\s|\s$|\s\s|[^\S ]/u;
const SPACES = /\s+/gu;

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/**
 * The toolkit's token set for co-similar: the text lower-cased, mentions removed, split at
 * Unicode word boundaries (UAX #29, which Intl.Segmenter implements as the `regex` module's
 * WORD flag does), whitespace dropped, each token once. Its pattern (`\b\p{WSegSpace}*'?`)
 * also swallows an apostrophe that follows a boundary, so a lone `'` is no token. A text that
 * is made only of ASCII, Latin and Cyrillic letters and common punctuation once lower-cased
 * (nine tweets in ten on the IRA set) is cut by {@link simpleWordSegments}, which gives the
 * same segments as Intl.Segmenter (a test compares them on every IRA tweet, and every such
 * character against every class) several times faster.
 */
export function qutTokenSet(text: string): string[] {
  const cleaned = text.toLowerCase().replace(MENTION, '');
  const out = new Set<string>();
  const simple = simpleWordSegments(cleaned);
  if (simple) {
    for (const t of simple) if (t !== "'" && !WHITESPACE_ONLY.test(t)) out.add(t);
    return [...out];
  }
  for (const { segment } of segmenter.segment(cleaned)) {
    for (const t of segment.split(/\s+/u)) if (t && t !== "'") out.add(t);
  }
  return [...out];
}

const WHITESPACE_ONLY = /^\s*$/;

// UAX #29 Word_Break classes of the ASCII characters.
const OTHER = 0, LETTER = 1, NUMERIC = 2, EXTEND_NUM_LET = 3, MID_LETTER = 4, MID_NUM_LET_Q = 5, MID_NUM = 6, SPACE = 7, CR = 8, LF = 9, NEWLINE = 10;
const WORD_BREAK = new Uint8Array(128);
for (let c = 0x41; c <= 0x5a; c++) { WORD_BREAK[c] = LETTER; WORD_BREAK[c + 0x20] = LETTER; }
for (let c = 0x30; c <= 0x39; c++) WORD_BREAK[c] = NUMERIC;
WORD_BREAK[0x5f] = EXTEND_NUM_LET; // _
WORD_BREAK[0x3a] = MID_LETTER; // :
WORD_BREAK[0x2e] = MID_NUM_LET_Q; // . (MidNumLet)
WORD_BREAK[0x27] = MID_NUM_LET_Q; // ' (Single_Quote)
WORD_BREAK[0x2c] = MID_NUM; // ,
WORD_BREAK[0x3b] = MID_NUM; // ;
WORD_BREAK[0x20] = SPACE; // WSegSpace
WORD_BREAK[0x0d] = CR;
WORD_BREAK[0x0a] = LF;
WORD_BREAK[0x0b] = NEWLINE;
WORD_BREAK[0x0c] = NEWLINE;

/** Whether UAX #29 puts a word boundary between classes b and c (a before b, d after c). */
function wordBoundary(a: number, b: number, c: number, d: number): boolean {
  if (b === CR && c === LF) return false; // WB3
  if (b === CR || b === LF || b === NEWLINE || c === CR || c === LF || c === NEWLINE) return true; // WB3a, WB3b
  if (b === SPACE && c === SPACE) return false; // WB3d
  if (b === LETTER && c === LETTER) return false; // WB5
  if (b === LETTER && (c === MID_LETTER || c === MID_NUM_LET_Q) && d === LETTER) return false; // WB6
  if (a === LETTER && (b === MID_LETTER || b === MID_NUM_LET_Q) && c === LETTER) return false; // WB7
  if ((b === NUMERIC || b === LETTER) && (c === NUMERIC || c === LETTER)) return false; // WB8, WB9, WB10
  if (a === NUMERIC && (b === MID_NUM || b === MID_NUM_LET_Q) && c === NUMERIC) return false; // WB11
  if (b === NUMERIC && (c === MID_NUM || c === MID_NUM_LET_Q) && d === NUMERIC) return false; // WB12
  if ((b === LETTER || b === NUMERIC || b === EXTEND_NUM_LET) && c === EXTEND_NUM_LET) return false; // WB13a
  if (b === EXTEND_NUM_LET && (c === LETTER || c === NUMERIC)) return false; // WB13b
  return true; // WB999
}

/**
 * The Word_Break class of a character the fast path knows (ASCII, Latin letters to Latin
 * Extended-B, Cyrillic letters, curly quotes, dashes, ellipsis, guillemets, no-break space,
 * the replacement character), or -1.
 */
export function simpleWordBreak(code: number): number {
  if (code < 128) return WORD_BREAK[code]!;
  if (code >= 0xc0 && code <= 0x24f) return code === 0xd7 || code === 0xf7 ? OTHER : LETTER;
  if ((code >= 0x400 && code <= 0x481) || (code >= 0x48a && code <= 0x4ff)) return LETTER;
  switch (code) {
    case 0x2018: case 0x2019: case 0x2024: return MID_NUM_LET_Q;
    case 0x2013: case 0x2014: case 0x201c: case 0x201d: case 0x2026: case 0xab: case 0xbb: case 0xa0: case 0xfffd: return OTHER;
    default: return -1;
  }
}

/**
 * The UAX #29 word segments of a text made only of characters {@link simpleWordBreak} knows
 * (no Extend, Format, Katakana, Hebrew, emoji or regional indicators can occur, so the rules
 * above are all that apply), or null for any other text.
 */
export function simpleWordSegments(text: string): string[] | null {
  const n = text.length;
  const out: string[] = [];
  if (n === 0) return out;
  const cls = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const c = simpleWordBreak(text.charCodeAt(i));
    if (c < 0) return null;
    cls[i] = c;
  }
  let start = 0;
  for (let i = 1; i < n; i++) {
    if (wordBoundary(i >= 2 ? cls[i - 2]! : -1, cls[i - 1]!, cls[i]!, i + 1 < n ? cls[i + 1]! : -1)) {
      out.push(text.slice(start, i));
      start = i;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** The UAX #29 word segments of a text as Intl.Segmenter cuts them (what the fast path must equal). */
export function segmenterWords(text: string): string[] {
  return [...segmenter.segment(text)].map((s) => s.segment);
}
