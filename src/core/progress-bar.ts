/**
 * A one-line progress bar on stderr for long imports: bytes done, records (`lines` of a log,
 * `rows` of a table) and their rate. Drawn only on a terminal, at most ten times a second;
 * silent when stderr is piped or `--quiet`. Every module's import draws this one.
 *
 * @example
 * const bar = new ProgressBar(!quiet, 'rows');
 * bar.update('contributions.csv', 1_048_576, 8_388_608, 12_000);
 */
export class ProgressBar {
  #enabled: boolean;
  #started = Date.now();
  #lastDraw = 0;
  #drawn = false;

  readonly #unit: string;

  constructor(enabled: boolean, unit: 'lines' | 'rows' = 'lines') {
    this.#enabled = enabled && process.stderr.isTTY === true;
    this.#unit = unit;
  }

  update(file: string, bytesDone: number, bytesTotal: number, records: number): void {
    if (!this.#enabled) return;
    const now = Date.now();
    if (now - this.#lastDraw < 100) return;
    this.#lastDraw = now;
    const secs = Math.max((now - this.#started) / 1000, 0.001);
    const rate = `${Math.round(records / secs).toLocaleString('en-CA')} ${this.#unit}/s`;
    const width = 24;
    let bar = '';
    if (bytesTotal > 0) {
      const share = Math.min(1, bytesDone / bytesTotal);
      const filled = Math.round(share * width);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% `;
    }
    const done = `${mb(bytesDone)}${bytesTotal > 0 ? `/${mb(bytesTotal)}` : ''}`;
    const name = file.length > 30 ? '…' + file.slice(-29) : file;
    process.stderr.write(`\r\x1b[K${bar}${done} · ${records.toLocaleString('en-CA')} ${this.#unit} · ${rate} · ${name}`);
    this.#drawn = true;
  }

  /** Print a message above the bar (notices while following). */
  notice(message: string): void {
    if (this.#drawn) process.stderr.write('\r\x1b[K');
    process.stderr.write(`${message}\n`);
  }

  clear(): void {
    if (this.#drawn) process.stderr.write('\r\x1b[K');
    this.#drawn = false;
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
