import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { defineCommand } from '../../core/module/index.js';
import { learnBaseline, newReadStats, readLogItems, readRequestItems, saveBaseline, type BaselineModel, type LearnItem, type ReadStats } from '../baseline/index.js';
import { createDetectors } from '../detectors.js';
import { LOG_FORMATS, type LogFormat } from '../formats/index.js';

const LEARN_HELP = `Usage: vigie web learn (--requests FILE.jsonl | --log FILE...) --out baseline.json

Learns a site's normal shape from its traffic: per endpoint (method and path, numeric and
ID-like segments generalised) the parameters, and per parameter its type (numeric, alpha,
email, token, text), lengths, characters and, for enumerations, its values. Requests that
signatures flag are left out (with --log, every request of a flagged client), and so are
requests answered with an error status; a fact needs several clients (or requests) behind it.
Use the baseline with vigie web scan --baseline or vigie web analyze --baseline.

Options:
  --requests FILE   requests as JSON lines (method, uri, optional headers, body or data)
  --log FILE        an access log in any format vigie reads (repeat, or list more files after it)
  --format F        log format: auto (default), ${LOG_FORMATS.join(', ')}
  --out FILE        where to write the baseline (required)
  --json            print the summary as JSON
  -h, --help        this help`;

/** `vigie web learn`: learn a baseline and write it. */
export const webLearnCommand = defineCommand({
  noun: 'web',
  verb: 'learn',
  summary: "learn a site's normal shape (a baseline) from its traffic",
  help: LEARN_HELP,
  options: z.strictObject({
    requests: z.string().min(1).optional(),
    log: z.array(z.string().min(1)).optional(),
    format: z.string().default('auto'),
    out: z.string().min(1).optional(),
    json: z.boolean().default(false),
  }),
  run: async ({ options, positionals }, ctx) => {
    const logs = [...(options.log ?? []), ...positionals];
    if (options.requests !== undefined && logs.length > 0) throw usage('give either --requests or --log, not both');
    if (options.requests === undefined && logs.length === 0) throw usage('name the traffic to learn from with --requests FILE.jsonl or --log FILE');
    if (options.log === undefined && positionals.length > 0) throw usage(`unexpected argument '${positionals[0]}'`);
    if (options.out === undefined) throw usage('--out FILE is required (where to write the baseline)');
    const format = options.format;
    if (format !== 'auto' && !(LOG_FORMATS as readonly string[]).includes(format)) throw usage(`unknown --format '${format}'; use auto, ${LOG_FORMATS.join(', ')}`);
    const detectors = await createDetectors({});
    let stats: ReadStats = newReadStats();
    const requests = options.requests;
    const open = (): AsyncIterable<LearnItem> => {
      stats = newReadStats(); // a second pass counts afresh
      return requests !== undefined ? readRequestItems(requests, stats) : readLogItems(logs, format as LogFormat | 'auto', stats);
    };
    const { model } = await learnBaseline(open, { clientsKnown: requests === undefined, detectors });
    await saveBaseline(model, options.out);
    const summary = learnSummary(model, stats, options.out);
    ctx.stdout.write(options.json ? JSON.stringify(summary, null, 2) + '\n' : learnSummaryText(summary));
    return 0;
  },
});

function usage(message: string): VigieError {
  return new VigieError('VIGIE_ERR_USAGE', `web learn: ${message}; see vigie web learn --help`);
}

/** The figures `web learn` reports (also its `--json` output). */
export interface LearnSummary {
  lines: number;
  malformed: number;
  malformed_samples: ReadStats['malformed_samples'];
  requests_read: number;
  requests_used: number;
  requests_ignored_flagged: number;
  requests_ignored_status: number;
  clients_flagged: number;
  endpoints: number;
  parameters: number;
  parameters_typed: number;
  parameters_enumerated: number;
  out: string;
}

function learnSummary(model: BaselineModel, stats: ReadStats, out: string): LearnSummary {
  const params = model.endpoints.flatMap((e) => e.params);
  return {
    lines: stats.lines,
    malformed: stats.malformed,
    malformed_samples: stats.malformed_samples,
    ...model.training,
    endpoints: model.endpoints.length,
    parameters: params.length,
    parameters_typed: params.filter((p) => p.type !== 'text').length,
    parameters_enumerated: params.filter((p) => p.values !== null).length,
    out,
  };
}

function learnSummaryText(s: LearnSummary): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const lines = [
    `Learned a baseline from ${n(s.requests_used)} of ${n(s.requests_read)} requests read: ${n(s.requests_ignored_flagged)} set aside as flagged by signatures${s.clients_flagged > 0 ? ` (${n(s.clients_flagged)} clients)` : ''}, ${n(s.requests_ignored_status)} with an error status.`,
    `${n(s.endpoints)} endpoints, ${n(s.parameters)} parameters: ${n(s.parameters_typed)} typed, ${n(s.parameters_enumerated)} with a closed set of values.`,
    `${n(s.malformed)} malformed lines${s.malformed > 0 ? ', first ones:' : '.'}`,
    ...s.malformed_samples.map((m) => `  ${m.file}:${m.line}: ${m.reason}`),
    `Baseline written to ${s.out}.`,
  ];
  return lines.join('\n') + '\n';
}
