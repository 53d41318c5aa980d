import { renameSync, writeFileSync } from 'node:fs';
import { VigieError } from '../../core/index.js';
import type { StoredUpTo } from '../../web/index.js';

/** One followed content in the status file: a rotation or truncation adds another. */
export interface StatusEntry {
  file: string;
  source_id: number;
  lines_stored: number;
}

/**
 * `web analyze --status-file PATH`: after every stored batch, how far each file is stored, as
 * JSON a monitor (or a script waiting on a follower) can read while the analysis runs:
 * `{"updated": ISO time, "files": [{"file", "source_id", "lines_stored"}]}`, one entry per
 * content read (a rotated or truncated file adds one, under the same name). Written to a
 * temporary file then renamed, so a reader never sees half of it.
 *
 * @example
 * const status = new StatusFile('/run/vigie/status.json');
 * status.stored({ file: 'access.log', sourceId: 1, line: 1000 });
 */
export class StatusFile {
  readonly #path: string;
  readonly #entries = new Map<number, StatusEntry>();
  readonly #onError: (message: string) => void;
  #failed = false;

  constructor(path: string, onError: (message: string) => void) {
    this.#path = path;
    this.#onError = onError;
    this.#write(); // a path that cannot be written fails now, before any work
  }

  /** Records what a batch stored. A write that fails later is said once; the analysis goes on. */
  stored(s: StoredUpTo): void {
    const entry = this.#entries.get(s.sourceId);
    if (entry) entry.lines_stored = s.line;
    else this.#entries.set(s.sourceId, { file: s.file, source_id: s.sourceId, lines_stored: s.line });
    try {
      this.#write();
    } catch (err) {
      if (!this.#failed) this.#onError((err as Error).message);
      this.#failed = true;
    }
  }

  #write(): void {
    const text = JSON.stringify({ updated: new Date().toISOString(), files: [...this.#entries.values()] }) + '\n';
    const tmp = `${this.#path}.tmp`;
    try {
      writeFileSync(tmp, text);
      renameSync(tmp, this.#path);
    } catch (err) {
      throw new VigieError('VIGIE_ERR_USAGE', `web analyze: --status-file ${this.#path} cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'}); name a file in a writable folder`, { cause: err });
    }
  }
}
