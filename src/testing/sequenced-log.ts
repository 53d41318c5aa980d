import { readFileSync, statSync } from 'node:fs';
import { openStore, type Store } from '../store/index.js';
import { storedSequenceNumbers } from '../web/repository/sequence-numbers.js';
import { corpus } from './corpora.js';

let template: string[] | undefined;

/**
 * Real scanner lines (the w3af corpus log), each made unique with a `seq=N` query parameter,
 * so that a lost or doubled line shows in what was stored. For follow and rotation tests.
 *
 * @example
 * writeFileSync('access.log', sequencedLines(0, 1000)); // seq=0 .. seq=999
 */
export function sequencedLines(from: number, count: number): string {
  template ??= readFileSync(corpus('http/scanner-access-logs/w3af.access.log'), 'utf8').split('\n').filter(Boolean);
  let out = '';
  for (let i = from; i < from + count; i++) {
    const t = template[i % template.length]!;
    out += t.replace(/"(\w+) (\S+?)(\?\S*)? HTTP/, (_m, method: string, path: string, q?: string) => `"${method} ${path}${q ? q + '&' : '?'}seq=${i} HTTP`) + '\n';
  }
  return out;
}

/** Events stored, distinct sequence numbers among them, and the highest (see {@link sequencedLines}). */
export async function storedSeqs(db: string | Store): Promise<{ total: number; distinct: number; max: number }> {
  const store = typeof db === 'string' ? await openStore(db) : db;
  try {
    return await storedSequenceNumbers(store);
  } finally {
    if (typeof db === 'string') await store.close();
  }
}

/**
 * A probe of whether a running vigie has committed rows to `db`: its write-ahead log has grown
 * past `minBytes`. Opening a database ends its migrations with a checkpoint that deletes the
 * WAL, so the file can vanish between two looks: missing means not yet, never an error.
 * (Commits go to a new WAL afterwards; DuckDB checkpoints it again only past 16 MB.)
 *
 * @example
 * const committed = walProbe('live.duckdb', 100_000);
 * while (!committed()) await sleep(50);
 */
export function walProbe(db: string, minBytes: number): () => boolean {
  return () => {
    try {
      return statSync(`${db}.wal`).size > minBytes;
    } catch {
      return false;
    }
  };
}
