import { VigieError } from '../../core/index.js';
import { detectFormat, LOG_FORMATS } from '../formats/index.js';
import type { LogFormat } from '../formats/types.js';
import { expandInputs, readHead, type InputFile } from './inputs.js';

/** Bytes read from the start of a plain file to tell its format. */
export const HEAD_SCAN_BYTES = 64 * 1024;

/** Up to 20 first lines of a buffer, for format detection. */
export function firstLines(data: Uint8Array): string[] {
  const text = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, HEAD_SCAN_BYTES)).toString('utf8');
  return text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '').slice(0, 20);
}

/**
 * Check the inputs before anything is opened or written: every named file exists, and at
 * least one may be read. When every input is a plain file whose format cannot be told (a
 * binary file, an image, a database), the analysis would read nothing: the first file's
 * reason is the one error, and no database is created and no run recorded. Standard input and
 * gzip files are told apart only once read, so they always pass.
 *
 * @example
 * await checkInputs(['access.log'], 'auto') // throws VIGIE_ERR_FILE_NOT_FOUND for a missing file
 */
export async function checkInputs(args: readonly string[], format: LogFormat | 'auto'): Promise<InputFile[]> {
  const inputs = await expandInputs(args);
  if (format !== 'auto') return inputs;
  let first: string | undefined;
  for (const input of inputs) {
    if (input.path === '-' || input.gzip || input.size <= 0) return inputs;
    const lines = firstLines(await readHead(input.path, HEAD_SCAN_BYTES, input.name));
    if (lines.length === 0 || detectFormat(lines)) return inputs;
    first ??= unknownFormatMessage(input.name);
  }
  if (first) throw new VigieError('VIGIE_ERR_LOG_FORMAT', first);
  return inputs;
}

/** The line for a file whose format cannot be told from its first lines. */
export function unknownFormatMessage(name: string): string {
  return `${name}: cannot tell the log format from its first lines; pass --format (${LOG_FORMATS.join(', ')})`;
}

/**
 * When most of a file's lines fail the format the user chose, the reason is the choice, not
 * the log: say what the lines look like and how to read them again (the checkpoint has moved
 * past them, hence --reprocess). Undefined when the format fits most lines, or was detected.
 *
 * @example
 * formatMismatch({ file: 'a.log', parsed: 0, malformed: 17 }, 'w3c', lines)
 * // 'a.log: 17 of 17 lines are not w3c lines; they look like combined: run again with --format combined (or leave --format out) and --reprocess'
 */
export function formatMismatch(file: { file: string; parsed: number; malformed: number }, chosen: LogFormat | 'auto', sample: readonly string[] | undefined): string | undefined {
  const records = file.parsed + file.malformed;
  if (chosen === 'auto' || records === 0 || file.malformed * 2 <= records) return undefined;
  const looks = sample ? detectFormat(sample) : undefined;
  const what = `${file.file}: ${file.malformed.toLocaleString('en-CA')} of ${records.toLocaleString('en-CA')} lines are not ${chosen} lines`;
  if (looks && looks !== chosen) return `${what}; they look like ${looks}: run again with --format ${looks} (or leave --format out) and --reprocess`;
  return `${what}, nor any format vigie reads (${LOG_FORMATS.join(', ')}); check the file`;
}
