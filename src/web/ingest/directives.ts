import { open } from 'node:fs/promises';
import type { LogFormat } from '../formats/types.js';

const FIELDS = '#Fields:';

/** The last `#Fields:` directive line in a chunk (W3C, CloudFront), or ''. */
export function lastDirective(data: Uint8Array): string {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let at = buf.lastIndexOf('\n' + FIELDS);
  if (at >= 0) at += 1;
  else if (buf.subarray(0, FIELDS.length).toString('latin1') === FIELDS) at = 0;
  else return '';
  let end = buf.indexOf(10, at);
  if (end < 0) end = buf.length;
  return buf.subarray(at, end).toString('utf8').replace(/\r$/, '');
}

/** The `#Fields:` directive in effect at `offset` of a file, to resume parsing mid-file. */
export async function directiveBefore(path: string, offset: number, format: LogFormat): Promise<string> {
  if (format !== 'w3c' && format !== 'cloudfront') return '';
  const fh = await open(path, 'r');
  try {
    let found = '';
    const size = 1 << 20;
    const overlap = 8192; // blocks overlap by more than a directive line, so none is cut in two
    for (let pos = 0; pos < offset; pos += size - overlap) {
      const buf = Buffer.alloc(Math.min(size, offset - pos));
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      found = lastDirective(buf.subarray(0, bytesRead)) || found;
      if (pos + bytesRead >= offset) break;
    }
    return found;
  } finally {
    await fh.close();
  }
}
