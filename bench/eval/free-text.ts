/**
 * Free text as a site's visitors type it into a search box: real posts (English political
 * tweets with their quotes, apostrophes, `--`, `#hashtags` and `@mentions`, and Russian,
 * German and other languages), each sent as `GET /search?q=<post>`. None is an attack, so
 * every request flagged is a false positive of the kind a tokenizer tuned on attack lists makes.
 *
 * Two files, one for development and one held out: `state_io_vs_real_tweets.jsonl` (9,651
 * posts, looked at while changing the tokenizers) and `ira538_election2016.jsonl.gz` (111,857
 * posts, only counted at the end of a round). Both from ../shared/corpora/influence (research
 * use; see its SOURCE.md).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { corpus } from '../../src/testing/corpora.js';
import { falsePositiveRow, topCounts } from './rows.js';
import type { ScanFn } from './scanner.js';
import type { EvalRow, EvalSection } from './types.js';

const FILES: ReadonlyArray<[string, string]> = [
  ['influence/state_io_vs_real_tweets.jsonl', 'posts, development set'],
  ['influence/ira538_election2016.jsonl.gz', 'posts, held out'],
];

/** The text of each post of a JSONL file (gzipped or not), posts without text left out. */
export async function* postTexts(path: string): AsyncGenerator<string> {
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const text = (JSON.parse(line) as { text?: unknown }).text;
    if (typeof text === 'string' && text !== '') yield text;
  }
}

/** One row per file: posts flagged by any per-request detector, with the rules that fired most. */
export async function evalFreeText(scan: ScanFn): Promise<EvalSection> {
  const rows: EvalRow[] = [];
  for (const [file, what] of FILES) {
    let total = 0;
    let hits = 0;
    const byRule = new Map<string, number>();
    for await (const text of postTexts(corpus(file))) {
      total++;
      const findings = scan({ method: 'GET', uri: `/search?q=${encodeURIComponent(text)}` });
      if (findings.length === 0) continue;
      hits++;
      for (const rule of new Set(findings.map((f) => f.rule))) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    }
    rows.push(falsePositiveRow(file.split('/')[1]!.replace(/\.jsonl(\.gz)?$/, ''), `flagged: ${what}`, total, hits, undefined, undefined,
      byRule.size === 0 ? undefined : `rules: ${topCounts(byRule, 5)}`));
  }
  return { name: 'signatures: free text as search queries (false positives)', rows };
}
