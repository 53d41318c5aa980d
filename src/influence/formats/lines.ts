import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { VigieError } from '../../core/index.js';

/** A file's lines, a chunk at a time: `texts[k]` is line `first + k` (1-based). */
export interface LineBatch {
  first: number;
  texts: string[];
}

/**
 * The lines of a file (gzip when it ends in `.gz`) a chunk at a time, without their end of
 * line (`\n`, `\r\n` or a lone `\r`, as readline cuts them), the byte-order mark dropped. One
 * batch per chunk read (1 MiB) rather than one promise per line. A missing or unreadable file
 * is one coded error naming it.
 */
export async function* fileLineBatches(file: string): AsyncGenerator<LineBatch> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const opened = new Promise<void>((resolve, reject) => {
    raw.once('open', () => resolve());
    raw.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT'
      ? new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `influence import: ${file}: no such file; check the path`)
      : new VigieError('VIGIE_ERR_FILE_UNREADABLE', `influence import: ${file}: ${err.message}`)));
  });
  await opened;
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  let failure: Error | null = null;
  input.once('error', (err: Error) => { failure = new VigieError('VIGIE_ERR_FILE_UNREADABLE', `influence import: ${file}: ${err.message}; is it really gzip?`); });
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let n = 0;
  let started = false;
  const cut = (text: string, final: boolean): LineBatch => {
    const batch: LineBatch = { first: n + 1, texts: [] };
    let from = 0;
    // The next '\r' (-1: none left): searched again only once passed, not once a line.
    let cr = text.indexOf('\r');
    for (;;) {
      const lf = text.indexOf('\n', from);
      if (cr >= 0 && cr < from) cr = text.indexOf('\r', from);
      let end: number, next: number;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        // A '\r' at the very end may be the first half of '\r\n' in the next chunk.
        if (cr === text.length - 1 && !final) break;
        end = cr; next = text[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else if (lf >= 0) {
        end = lf; next = lf + 1;
      } else break;
      batch.texts.push(text.slice(from, end));
      n++;
      from = next;
    }
    carry = text.slice(from);
    if (final && carry !== '') { batch.texts.push(carry); n++; carry = ''; }
    return batch;
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let text = carry + decoder.write(chunk);
      if (!started && text !== '') { started = true; if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); }
      const batch = cut(text, false);
      if (batch.texts.length > 0) yield batch;
    }
    const batch = cut(carry + decoder.end(), true);
    if (batch.texts.length > 0) yield batch;
  } catch (err) {
    throw failure ?? err;
  } finally {
    raw.destroy();
  }
  if (failure) throw failure;
}

/** The lines of a file one at a time (see {@link fileLineBatches}). */
export async function* fileLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  for await (const batch of fileLineBatches(file)) {
    for (let k = 0; k < batch.texts.length; k++) yield { line: batch.first + k, text: batch.texts[k]! };
  }
}

/** The first bytes of a file as text (gunzipped), to tell its format. */
export async function fileHead(file: string, maxLines = 3): Promise<string[]> {
  const out: string[] = [];
  for await (const { text } of fileLines(file)) {
    out.push(text);
    if (out.length >= maxLines) break;
  }
  return out;
}
