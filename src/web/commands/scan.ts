import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { VigieError, type Finding, type RequestDetector } from '../../core/index.js';
import { defineCommand } from '../../core/module/index.js';
import { createBaselineDetector, loadBaseline } from '../baseline/index.js';
import { requestToEvent, requestVerdict, type RequestObject } from '../detect/index.js';
import { createDetectors } from '../detectors.js';
import { webText } from '../text/index.js';
import { jsonlLines } from './jsonl-lines.js';

const SCAN_HELP = `Usage: vigie web scan --requests FILE.jsonl [options]

Checks each request of a JSONL file (one JSON object per line: method, uri, optional headers
as an object or a list of [name, value] pairs, optional body or data; other fields ignored)
and prints one JSON verdict per input line, in order, on stdout:
  {"i":N,"attack":true|false,"classes":[...],"rules":[...],"score":N}
i is the 0-based index of the input line (the first line is 0, blank lines count), as the
corpora number their requests; score is the sum of the severities (1-5) of the rules that fired,
0 for a clean request. A line that is not a request object still gets its verdict (attack
false); it is reported on stderr with file:line and counted at the end.

Options:
  --requests FILE   the requests ('-' for stdin)
  --baseline FILE   also flag requests that leave a learned baseline (vigie web learn)
  --explain         add "findings" (rule, class, location, fragment, reason, reason_fr, why) to each line
  --quiet           no per-line reports and no summary on stderr
  -h, --help        this help`;

/** Malformed lines reported one by one on stderr; the rest only counted in the summary. */
const MAX_REPORTED_LINES = 20;
/** Output is written in blocks of about this many characters. */
const WRITE_BLOCK_CHARS = 64 * 1024;

interface ScanCounts {
  lines: number;
  attacks: number;
  malformed: number;
}

/** `vigie web scan`: one verdict line per request line. */
export const webScanCommand = defineCommand({
  noun: 'web',
  verb: 'scan',
  summary: 'one JSON verdict per request of a JSONL file',
  help: SCAN_HELP,
  options: z.strictObject({
    requests: z.string().min(1).optional(),
    baseline: z.string().min(1).optional(),
    explain: z.boolean().default(false),
    quiet: z.boolean().default(false),
  }),
  positionals: false,
  run: async ({ options }, ctx) => {
    const file = options.requests;
    if (file === undefined) throw new VigieError('VIGIE_ERR_USAGE', 'web scan: --requests FILE.jsonl is required; see vigie web scan --help');
    if (file !== '-') await checkReadable(file);
    const detectors = await createDetectors({});
    if (options.baseline !== undefined) detectors.push(await baselineDetector(options.baseline));
    // A reader that stops early (`| head`) is not an error: stop writing quietly.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.stdout.destroy();
    });
    const input = file === '-' ? process.stdin : createReadStream(file);
    const counts = await scanStream(input, file === '-' ? 'stdin' : file, detectors, options.explain, options.quiet);
    if (!options.quiet) {
      const bad = counts.malformed === 0 ? '' : `, ${counts.malformed.toLocaleString('en-CA')} malformed (verdict attack false, see above)`;
      ctx.stderr.write(`vigie: web scan: ${counts.lines.toLocaleString('en-CA')} lines, ${counts.attacks.toLocaleString('en-CA')} attacks${bad}\n`);
    }
    return 0;
  },
});

async function checkReadable(file: string): Promise<void> {
  let isFile = false;
  try {
    isFile = (await stat(file)).isFile();
  } catch (err) {
    throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `web scan: ${file}: no such file; check the --requests path`, { cause: err });
  }
  if (!isFile) throw new VigieError('VIGIE_ERR_FILE_UNREADABLE', `web scan: ${file}: not a file; give a JSONL file of requests`);
}

/** The baseline detector of `--baseline FILE` (a model written by `vigie web learn`). */
async function baselineDetector(path: string): Promise<RequestDetector> {
  await checkReadable(path).catch((err: unknown) => {
    throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `web scan: --baseline ${path}: no such file; build one with vigie web learn`, { cause: err });
  });
  return createBaselineDetector(await loadBaseline(path));
}

/** Scans every line of `input`, writing verdicts to stdout with its back-pressure. */
async function scanStream(
  input: AsyncIterable<Buffer | string>,
  name: string,
  detectors: readonly RequestDetector[],
  explain: boolean,
  quiet: boolean,
): Promise<ScanCounts> {
  const counts: ScanCounts = { lines: 0, attacks: 0, malformed: 0 };
  const findings: Finding[] = [];
  let block = '';
  for await (const lines of jsonlLines(input)) {
    for (const line of lines) {
      const i = counts.lines++;
      const request = line.overlong ? 'line too long' : parseRequest(line.text);
      findings.length = 0;
      if (typeof request === 'string') {
        if (request !== '') {
          counts.malformed++;
          if (!quiet && counts.malformed <= MAX_REPORTED_LINES) process.stderr.write(`vigie: ${name}:${i + 1}: ${request}; verdict attack false\n`);
        }
      } else {
        const event = requestToEvent(request);
        const source = { file: name, line: i + 1 };
        for (const d of detectors) d.inspect(event, source, findings);
      }
      if (findings.length > 0) counts.attacks++;
      block += verdictLine(i, findings, explain);
      if (block.length >= WRITE_BLOCK_CHARS) {
        await write(block);
        block = '';
      }
    }
  }
  if (block !== '') await write(block);
  if (!quiet && counts.malformed > MAX_REPORTED_LINES) {
    process.stderr.write(`vigie: ${name}: ${counts.malformed - MAX_REPORTED_LINES} more malformed lines not shown\n`);
  }
  return counts;
}

/** The request object of one line, `''` for a blank line, or why the line is not one. */
export function parseRequest(text: string): RequestObject | string {
  if (text.trim() === '') return '';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const request = value as RequestObject;
  if (typeof request.uri !== 'string') return 'no "uri" string';
  if (request.method !== undefined && typeof request.method !== 'string') return '"method" is not a string';
  return request;
}

function verdictLine(i: number, findings: readonly Finding[], explain: boolean): string {
  const v = requestVerdict(findings);
  const line: Record<string, unknown> = { i, attack: v.attack, classes: v.classes, rules: v.rules, score: v.score };
  if (explain) {
    line.findings = findings.map((f) => ({ rule: f.rule, class: f.class, location: f.location, fragment: f.fragment, reason: f.reason, reason_fr: webText(f.why, 'fr'), why: f.why }));
  }
  return JSON.stringify(line) + '\n';
}

async function write(text: string): Promise<void> {
  if (process.stdout.destroyed) return;
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}
