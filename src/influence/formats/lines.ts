import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { VigieError } from '../../core/index.js';

/**
 * The lines of a file (gzip when it ends in `.gz`), 1-based, without their end of line. A
 * missing or unreadable file is one coded error naming it.
 */
export async function* fileLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  const raw = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    raw.once('open', () => resolve());
    raw.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT'
      ? new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `influence import: ${file}: no such file; check the path`)
      : new VigieError('VIGIE_ERR_FILE_UNREADABLE', `influence import: ${file}: ${err.message}`)));
  });
  await opened;
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  let failure: Error | null = null;
  input.once('error', (err: Error) => { failure = new VigieError('VIGIE_ERR_FILE_UNREADABLE', `influence import: ${file}: ${err.message}; is it really gzip?`); });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      yield { line: n, text: n === 1 ? text.replace(/^\uFEFF/, '') : text };
    }
  } catch (err) {
    throw failure ?? err;
  } finally {
    raw.destroy();
  }
  if (failure) throw failure;
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
