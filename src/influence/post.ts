/**
 * One social-media or messaging post as every influence reader yields it, whatever the
 * export it came from (X/Twitter, Telegram, a WeChat transcription, a CSV).
 */
export interface Post {
  id: string;
  account: string;
  /** Seconds since the epoch, UTC (fractions kept: the QUT toolkit's test input has them). */
  ts: number;
  text: string;
  lang: string | null;
  /** Links as written (normalised when compared). */
  urls: string[];
  /** Hashtags without '#', as written. */
  hashtags: string[];
  /** Accounts mentioned, without '@'. */
  mentions: string[];
  reply_to: string | null;
  /** The post this one re-posts verbatim (a retweet), if the export says so. */
  repost_of: string | null;
  platform: string;
  /** A group chat (WeChat) or a Telegram channel, when the post was made in one. */
  channel: string | null;
}

/** Where a post came from: the file and 1-based line (or data row, header excluded). */
export interface PostOrigin {
  file: string;
  line: number;
}

/** A reader's output, one record at a time: a post, or a bad record with where and why. */
export type ReadItem =
  | { kind: 'post'; post: Post; origin: PostOrigin }
  | { kind: 'bad'; origin: PostOrigin; why: string }
  | { kind: 'skipped'; origin: PostOrigin; why: string };

const HASHTAG = /(?:^|[^\p{L}\p{N}_&])[#＃]([\p{L}\p{N}_]{1,100})/gu;
const MENTION = /(?:^|[^\p{L}\p{N}_])@([\p{L}\p{N}_]{1,50})/gu;
const URL = /https?:\/\/[^\s<>"'，。、！？）)\]]+/giu;

/** The regular expressions the scanners below reproduce (kept for the tests that compare them). */
export const TEXT_PATTERNS = { HASHTAG, MENTION, URL } as const;

const TAG_BODY = /[\p{L}\p{N}_]{1,100}/uy;
const HANDLE_BODY = /[\p{L}\p{N}_]{1,50}/uy;
const URL_TAIL = /[^\s<>"'，。、！？）)\]]+/uy;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** The code point that ends just before `i`, as a string ('' at the start). */
function charBefore(text: string, i: number): string {
  if (i === 0) return '';
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text[i - 1]!;
}

/**
 * The bodies that follow `marker` when it is not preceded by a word character (nor by
 * `extra`), once each, in order: the same matches as {@link HASHTAG} / {@link MENTION} with
 * `matchAll`, found with indexOf so a text without the marker costs one native search.
 */
function markedWords(text: string, marker: string, body: RegExp, extra: string): string[] {
  const out = new Set<string>();
  let i = text.indexOf(marker);
  while (i >= 0) {
    const before = charBefore(text, i);
    if (before === '' || (!WORD_CHAR.test(before) && before !== extra)) {
      body.lastIndex = i + 1;
      const m = body.exec(text);
      if (m) { out.add(m[0]); i = text.indexOf(marker, body.lastIndex); continue; }
    }
    i = text.indexOf(marker, i + 1);
  }
  return [...out];
}

/** Hashtags found in a text, without '#', in order of appearance, once each. */
export function hashtagsIn(text: string): string[] {
  if (text.includes('＃')) return [...new Set([...text.matchAll(HASHTAG)].map((m) => m[1]!))];
  return text.includes('#') ? markedWords(text, '#', TAG_BODY, '&') : [];
}

/** Accounts mentioned in a text, without '@', once each. */
export function mentionsIn(text: string): string[] {
  if (!text.includes('@')) return [];
  return markedWords(text, '@', HANDLE_BODY, '');
}

/** Links found in a text, once each. */
export function urlsIn(text: string): string[] {
  let k = text.indexOf('://');
  if (k < 0) return [];
  const out: string[] = [];
  let end = 0;
  while (k >= 0) {
    const start = k >= 5 && /^https$/iu.test(text.slice(k - 5, k)) ? k - 5 : k >= 4 && /^http$/iu.test(text.slice(k - 4, k)) ? k - 4 : -1;
    if (start >= end && start >= 0) {
      URL_TAIL.lastIndex = k + 3;
      const m = URL_TAIL.exec(text);
      if (m) { out.push(text.slice(start, URL_TAIL.lastIndex).replace(/[.,;:!?]+$/, '')); end = URL_TAIL.lastIndex; k = text.indexOf('://', end); continue; }
    }
    k = text.indexOf('://', k + 3);
  }
  return [...new Set(out)];
}
