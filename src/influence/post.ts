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

/** Hashtags found in a text, without '#', in order of appearance, once each. */
export function hashtagsIn(text: string): string[] {
  return [...new Set([...text.matchAll(HASHTAG)].map((m) => m[1]!))];
}

/** Accounts mentioned in a text, without '@', once each. */
export function mentionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!))];
}

/** Links found in a text, once each. */
export function urlsIn(text: string): string[] {
  return [...new Set([...text.matchAll(URL)].map((m) => m[0]!.replace(/[.,;:!?]+$/, '')))];
}
