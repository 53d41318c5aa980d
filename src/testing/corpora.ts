import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where the shared real-data corpora live for tests and benchmarks: `$VIGIE_CORPORA`, else
 * `../shared/corpora` beside the repository (as on developer machines and in CI). Tests run
 * from the repository root (`npm test`), so the path is resolved from the working directory.
 */
export function corporaDir(): string {
  const dir = process.env.VIGIE_CORPORA ?? resolve(process.cwd(), '../shared/corpora');
  if (!existsSync(dir)) {
    throw new Error(`corpora not found at ${dir}: set VIGIE_CORPORA or check out shared/ beside the repo`);
  }
  return dir;
}

/** Path of a file inside the corpora, e.g. `corpus('http/scanner-access-logs/w3af.access.log')`. */
export function corpus(relativePath: string): string {
  return resolve(corporaDir(), relativePath);
}
