import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { VALUE_TYPES } from './value-shape.js';

/** Version of the model file format; a file of another version is refused with a clear line. */
export const BASELINE_VERSION = 1;

const count = z.number().int().nonnegative();

const paramSchema = z.object({
  name: z.string(),
  /** Requests that carried the parameter. */
  observations: count,
  /** Narrowest type that `type_share` of the values fit; `text` means no type is enforced. */
  type: z.enum(VALUE_TYPES),
  type_share: z.number().min(0).max(1),
  /** Confirmed lengths, and the range a new value may take (`null`: not enforced). */
  length_min: count,
  length_max: count,
  length_limit: z.object({ min: count, max: count }).strict().nullable(),
  /** Confirmed character classes; enforced only when `charset_closed`. */
  charset: z.array(z.string()),
  charset_closed: z.boolean(),
  /** The closed set of values (decoded), when the parameter is an enumeration; else null. */
  values: z.array(z.string()).nullable(),
}).strict();

const endpointSchema = z.object({
  method: z.string(),
  path: z.string(),
  requests: count,
  /** Whether a parameter never seen here is reported. */
  params_closed: z.boolean(),
  params: z.array(paramSchema),
}).strict();

const pathSchema = z.object({
  path: z.string(),
  requests: count,
  methods: z.array(z.string()),
  /** Whether a method never seen on this path is reported. */
  methods_closed: z.boolean(),
}).strict();

/** Learning settings, kept in the model so a finding can say what "often" meant. */
const settingsSchema = z.object({
  min_observations: count,
  min_clients: count,
  type_share: z.number().min(0).max(1),
  closed_share: z.number().min(0).max(1),
  max_enum_values: count,
}).strict();

export const baselineSchema = z.object({
  format: z.literal('vigie-baseline'),
  version: z.literal(BASELINE_VERSION),
  created_at: z.string(),
  clients_known: z.boolean(),
  settings: settingsSchema,
  training: z.object({
    requests_read: count,
    requests_used: count,
    requests_ignored_flagged: count,
    requests_ignored_status: count,
    clients_flagged: count,
  }).strict(),
  /** Whether an endpoint never seen is reported. */
  endpoints_closed: z.boolean(),
  endpoints: z.array(endpointSchema),
  paths: z.array(pathSchema),
}).strict();

/** A learned per-site baseline, as stored in `baseline.json`. */
export type BaselineModel = z.infer<typeof baselineSchema>;
export type EndpointModel = z.infer<typeof endpointSchema>;
export type ParamModel = z.infer<typeof paramSchema>;
export type PathModel = z.infer<typeof pathSchema>;
export type BaselineSettings = z.infer<typeof settingsSchema>;

/**
 * Read and validate a baseline file. A missing file, bad JSON or a file that is not a baseline
 * of this version is one `VigieError` line naming the file and the first problem.
 *
 * @example
 * const model = await loadBaseline('baseline.json');
 */
export async function loadBaseline(path: string): Promise<BaselineModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `${path}: no such baseline file; check the path or run vigie web learn`);
    throw new VigieError('VIGIE_ERR_FILE_UNREADABLE', `${path}: cannot read (${code ?? 'error'}); check its permissions`);
  }
  return parseBaseline(text, path);
}

/** Validate baseline JSON text; `name` is used in the error line. */
export function parseBaseline(text: string, name: string): BaselineModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : 'invalid JSON';
    throw new VigieError('VIGIE_ERR_CONFIG', `${name}: not a baseline file (${why}); make one with vigie web learn`);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if ((json as { format?: unknown } | null)?.format === 'vigie-baseline' && version !== BASELINE_VERSION) {
    throw new VigieError('VIGIE_ERR_CONFIG', `${name}: baseline version ${String(version)} is not supported (this vigie reads version ${BASELINE_VERSION}); learn it again with vigie web learn`);
  }
  const result = baselineSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new VigieError('VIGIE_ERR_CONFIG', `${name}: invalid baseline at ${where}: ${issue.message}; make it again with vigie web learn`);
  }
  return result.data;
}

/** Write a baseline as readable JSON (an analyst may read and edit the value sets). */
export async function saveBaseline(model: BaselineModel, path: string): Promise<void> {
  try {
    await writeFile(path, JSON.stringify(model, null, 1) + '\n');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new VigieError('VIGIE_ERR_FILE_UNREADABLE', `${path}: cannot write the baseline (${code ?? 'error'}); check the directory and its permissions`);
  }
}
