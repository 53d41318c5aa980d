import type { ReadItem } from '../post.js';
import { buildPost, type RawPost } from './build-post.js';
import { fileLines } from './lines.js';

/**
 * The corpora's JSONL schema, one post a line: `id, account, time, text, lang?, urls?,
 * hashtags?, reply_to?, repost_of?, platform, channel?`; unknown keys are ignored. WeChat
 * transcriptions use it too (`platform: wechat`, `channel` = the group).
 */
export async function* readJsonl(file: string): AsyncGenerator<ReadItem> {
  for await (const { line, text } of fileLines(file)) {
    if (text.trim() === '') continue;
    const origin = { file, line };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { kind: 'bad', origin, why: 'not JSON' };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { kind: 'bad', origin, why: 'not a JSON object' };
      continue;
    }
    const built = buildPost(value as RawPost, { platform: 'unknown' });
    if ('post' in built) yield { kind: 'post', post: built.post, origin };
    else if ('skip' in built) yield { kind: 'skipped', origin, why: built.skip };
    else yield { kind: 'bad', origin, why: built.bad };
  }
}
