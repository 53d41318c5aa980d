import { readFile } from 'node:fs/promises';
import { VigieError } from '../../core/index.js';
import type { ReadItem } from '../post.js';
import { buildPost } from './build-post.js';

interface TgEntity { type?: string; text?: string; href?: string }
interface TgMessage {
  id?: number; type?: string; date?: string; date_unixtime?: string;
  from?: string; from_id?: string; text?: string | (string | TgEntity)[];
  reply_to_message_id?: number; forwarded_from?: string;
}
interface TgChat { name?: string; id?: number; type?: string; messages?: TgMessage[] }

/**
 * Telegram Desktop's JSON export (`result.json`): one chat (`{name, messages}`) or a whole
 * account (`{chats: {list: [...]}}`). `channel` is the chat's name; a forward keeps no id of
 * its original, so it is a plain copy (caught as near-identical text). A message's place is
 * `file:N`, N its 1-based position among the file's messages.
 */
export async function* readTelegram(file: string): AsyncGenerator<ReadItem> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `influence import: ${file}: no such file; check the path`);
    throw new VigieError('VIGIE_ERR_LOG_FORMAT', `influence import: ${file}: not a Telegram JSON export (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  const root = doc as { chats?: { list?: TgChat[] } } & TgChat;
  const chats: TgChat[] = Array.isArray(root.chats?.list) ? root.chats!.list! : Array.isArray(root.messages) ? [root] : [];
  if (chats.length === 0) throw new VigieError('VIGIE_ERR_LOG_FORMAT', `influence import: ${file}: no 'messages' or 'chats' in it; is it Telegram Desktop's JSON export?`);
  let n = 0;
  for (const chat of chats) {
    const channel = chat.name ?? (chat.id !== undefined ? String(chat.id) : null);
    for (const m of chat.messages ?? []) {
      n++;
      const origin = { file, line: n };
      if (m === null || typeof m !== 'object') { yield { kind: 'bad', origin, why: 'not a message object' }; continue; }
      if (m.type !== undefined && m.type !== 'message') { yield { kind: 'skipped', origin, why: `service message (${String(m.type)})` }; continue; }
      const text = typeof m.text === 'string' ? m.text : Array.isArray(m.text) ? m.text.map((e) => (typeof e === 'string' ? e : e?.text ?? '')).join('') : '';
      const links = Array.isArray(m.text) ? m.text.flatMap((e) => (typeof e === 'object' && e && (e.type === 'link' || e.type === 'text_link') ? [e.href ?? e.text ?? ''] : [])).filter(Boolean) : [];
      const built = buildPost({
        id: m.id === undefined ? undefined : `tg:${chat.id ?? channel}:${m.id}`,
        account: m.from_id ?? m.from ?? channel,
        time: m.date_unixtime ?? m.date,
        text,
        urls: links,
        reply_to: m.reply_to_message_id === undefined ? null : `tg:${chat.id ?? channel}:${m.reply_to_message_id}`,
        platform: 'telegram',
        channel,
      }, { platform: 'telegram' });
      if ('post' in built) yield { kind: 'post', post: built.post, origin };
      else if ('skip' in built) yield { kind: 'skipped', origin, why: built.skip };
      else yield { kind: 'bad', origin, why: built.bad };
    }
  }
}
