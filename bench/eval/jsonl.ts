import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The JSON objects of a JSONL file, one per non-empty line, streamed (the corpora reach tens of
 * megabytes). A line that is not a JSON object is skipped and counted in `bad`.
 *
 * @example
 * for await (const row of readJsonl<{ uri: string }>(corpus('http/csic2010/normalTrafficTraining.jsonl'))) use(row.uri);
 */
export async function* readJsonl<T>(path: string, counts: { bad: number } = { bad: 0 }): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      counts.bad++;
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      counts.bad++;
      continue;
    }
    yield value as T;
  }
}
