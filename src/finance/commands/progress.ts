/** A one-line progress bar on stderr (terminals only, ten draws a second at most). */
export class Progress {
  readonly #on: boolean;
  #last = 0;
  #drawn = false;
  readonly #started = Date.now();

  constructor(enabled: boolean) {
    this.#on = enabled && process.stderr.isTTY === true;
  }

  update(file: string, done: number, total: number, rows: number): void {
    if (!this.#on) return;
    const now = Date.now();
    if (now - this.#last < 100) return;
    this.#last = now;
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(share * 24);
    const rate = Math.round(rows / Math.max(0.001, (now - this.#started) / 1000));
    const name = file.length > 30 ? '…' + file.slice(-29) : file;
    process.stderr.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(24 - filled)}] ${(share * 100).toFixed(0).padStart(3)}% · ${rows.toLocaleString('en-CA')} rows · ${rate.toLocaleString('en-CA')} rows/s · ${name}`);
    this.#drawn = true;
  }

  clear(): void {
    if (this.#drawn) process.stderr.write('\r\x1b[K');
    this.#drawn = false;
  }
}
