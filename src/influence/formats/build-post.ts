import { hashtagsIn, mentionsIn, urlsIn, type Post } from '../post.js';

/** Fields a reader found, loosely typed: {@link buildPost} checks them. */
export interface RawPost {
  id?: unknown;
  account?: unknown;
  time?: unknown;
  text?: unknown;
  lang?: unknown;
  urls?: unknown;
  hashtags?: unknown;
  reply_to?: unknown;
  repost_of?: unknown;
  platform?: unknown;
  channel?: unknown;
}

/** A post, or why the record cannot be one (`skip`: valid but unusable, as a post without a time). */
export type Built = { post: Post } | { bad: string } | { skip: string };

const MAX_TEXT = 100_000;

/**
 * Check and complete a record: id and account are required, the time is ISO 8601 (a date
 * without zone is UTC) or epoch seconds; hashtags, mentions and links are read from the text
 * when the export does not list them. An empty link is no link (the QUT toolkit's issue #46).
 */
export function buildPost(raw: RawPost, defaults: { platform: string }): Built {
  const id = scalar(raw.id);
  if (!id) return { bad: 'no id' };
  const account = scalar(raw.account);
  if (!account) return { bad: 'no account' };
  if (raw.time === null || raw.time === undefined || raw.time === '') return { skip: 'no time' };
  const ts = parseTime(raw.time);
  if (ts === null) return { bad: `time '${String(raw.time).slice(0, 40)}' is neither ISO 8601 nor epoch seconds` };
  if (raw.text !== null && raw.text !== undefined && typeof raw.text !== 'string') return { bad: 'text is not a string' };
  const text = (typeof raw.text === 'string' ? raw.text : '').slice(0, MAX_TEXT);
  const urls = list(raw.urls);
  const tags = list(raw.hashtags);
  if (urls === null || tags === null) return { bad: 'urls or hashtags is not a list' };
  const hashtags = tags.map((h) => h.replace(/^[#＃]/, ''));
  return {
    post: {
      id,
      account,
      ts,
      text,
      lang: scalar(raw.lang),
      urls: urls.length > 0 ? urls : urlsIn(text),
      hashtags: hashtags.length > 0 ? hashtags : hashtagsIn(text),
      mentions: mentionsIn(text),
      reply_to: scalar(raw.reply_to),
      repost_of: scalar(raw.repost_of),
      platform: (scalar(raw.platform) ?? defaults.platform).toLowerCase(),
      channel: scalar(raw.channel),
    },
  };
}

/** Seconds since the epoch from ISO 8601 text (UTC when no zone is given) or a number. */
export function parseTime(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i.exec(s);
  if (!m) return null;
  const zone = !m[8] || /^(z|utc)$/i.test(m[8]) ? 'Z' : m[8].length === 5 ? `${m[8].slice(0, 3)}:${m[8].slice(3)}` : m[8];
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${m[7] ?? ''}${zone}`;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms / 1000 : null;
}

function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function list(v: unknown): string[] | null {
  if (v === null || v === undefined || v === '') return [];
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  if (!Array.isArray(v)) return null;
  return v.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean);
}
