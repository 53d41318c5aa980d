import { StringDecoder } from 'node:string_decoder';

/** Longest input line kept, in characters; the rest of a longer line is dropped and flagged. */
export const MAX_JSONL_LINE_CHARS = 8 * 1024 * 1024;

/** One line of a JSONL stream: its text (without the newline) and whether it was cut. */
export interface JsonlLine {
  text: string;
  overlong: boolean;
}

/**
 * The lines of a byte stream, streamed with the stream's own back-pressure (the next chunk is
 * only read once the caller has handled the lines of this one) and bounded memory: a line
 * longer than {@link MAX_JSONL_LINE_CHARS} is cut and flagged instead of being held whole.
 * A final line without newline counts; `\r\n` endings are accepted.
 *
 * @example
 * for await (const lines of jsonlLines(createReadStream(file))) for (const l of lines) handle(l.text);
 */
export async function* jsonlLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<JsonlLine[]> {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  let overlong = false;
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const parts = text.split('\n');
    const out: JsonlLine[] = [];
    for (let k = 0; k < parts.length - 1; k++) {
      const whole = k === 0 ? partial + parts[k]! : parts[k]!;
      out.push(line(whole, overlong && k === 0));
      if (k === 0) overlong = false;
    }
    const tail = parts[parts.length - 1]!;
    partial = parts.length === 1 ? partial + tail : tail;
    if (partial.length > MAX_JSONL_LINE_CHARS) {
      partial = partial.slice(0, MAX_JSONL_LINE_CHARS);
      overlong = true;
    }
    if (out.length > 0) yield out;
  }
  partial += decoder.end();
  if (partial !== '' || overlong) yield [line(partial, overlong)];
}

function line(text: string, overlong: boolean): JsonlLine {
  const cut = text.length > MAX_JSONL_LINE_CHARS;
  const body = cut ? text.slice(0, MAX_JSONL_LINE_CHARS) : text;
  return { text: body.endsWith('\r') ? body.slice(0, -1) : body, overlong: overlong || cut };
}
