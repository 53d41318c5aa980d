import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { VigieError } from '../errors.js';
import type { SqlDatabase } from './sql.js';
import type { ConfigView } from './config.js';
import type { OriginsSource } from '../attribution.js';

/**
 * A command's flags as a zod object with kebab-case keys: a boolean leaf is a switch
 * (`--follow`), an array leaf repeats (`--file a --file b`), anything else takes a value,
 * coerced and checked by its schema (`z.coerce.number().int().min(1)`). The parsed flags are
 * typed from the schema: no casts in command code.
 */
export type CommandOptions = z.ZodObject;

/** What a command is run with: its checked flags, positional arguments, and the context. */
export interface CommandInput<O extends CommandOptions> {
  options: z.infer<O>;
  positionals: string[];
}

/** What a module's command may use: the effective configuration, the store, output, Ctrl-C. */
export interface CommandContext {
  /** Effective configuration: defaults < vigie.yaml < VIGIE_* environment < this command's flags. */
  config: ConfigView;
  /**
   * Open the database at `config.db_path` with every registered module's tables migrated.
   * `create: false` refuses to create a missing file (a read-only command on a wrong path).
   */
  openStore(options?: { create?: boolean; memoryLimitMb?: number; threads?: number }): Promise<StoreSession>;
  /**
   * Rewrite the (closed) database at `config.db_path` into a fresh file holding only live
   * data, overwrite the old file with zeros and put the fresh one in its place: what deleted
   * rows left in the file's blocks is gone (tips' secure deletion). Refused while a server has it open.
   */
  compactStore(): Promise<{ bytesBefore: number; bytesAfter: number }>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Aborted on Ctrl-C / SIGTERM: stop after the last commit. */
  signal: AbortSignal;
  /**
   * The attribution data for a home country, loaded when called: the entry point wires `geo`
   * in, so a module attributes addresses without importing another module.
   */
  origins(home: string): OriginsSource;
}

/** An open database for one command: the module's tables through `database`, runs recorded. */
export interface StoreSession {
  readonly database: SqlDatabase;
  /** Record a run (command and arguments); returns its id. */
  beginRun(info: { command: string; args: string[] }): Promise<number>;
  finishRun(runId: number, summary: unknown): Promise<void>;
  close(): Promise<void>;
}

/**
 * A `vigie <noun> <verb>` command a module contributes. The CLI parses the flags with
 * `options`, maps the flags named in `config` onto configuration keys (so `--db` and
 * `VIGIE_DB_PATH` are one setting), prints `help` for `--help`, and turns a thrown
 * `VigieError` into one line and its exit code.
 *
 * @example
 * export const scanCommand = defineCommand({
 *   noun: 'finance', verb: 'scan', summary: 'rank recipients and list alerts',
 *   help: 'Usage: vigie finance scan [--db PATH] [--year Y] --json OUT ...',
 *   options: z.strictObject({ db: z.string().optional(), year: z.coerce.number().int().optional(), json: z.string() }),
 *   config: { db: 'db_path' },
 *   run: async ({ options }, ctx) => { ...; return 0; },
 * });
 */
export interface Command<O extends CommandOptions = CommandOptions> {
  noun: string;
  verb?: string;
  /** One line for `vigie --help`. */
  summary: string;
  /** The whole `--help` text. */
  help: string;
  options: O;
  /** One-letter aliases: `{ o: 'out' }`. `-h` is always `--help`. */
  short?: Readonly<Record<string, string>>;
  /** Flags that set a configuration key: `{ db: 'db_path', home: 'home_country' }`. */
  config?: Readonly<Record<string, string>>;
  /** Whether positional arguments are taken (files); default true. */
  positionals?: boolean;
  /** Flags whose value may be left out, with the value they then take: `{ 'trust-proxy': '1' }`. */
  optionalValues?: Readonly<Record<string, string>>;
  run(input: CommandInput<O>, ctx: CommandContext): Promise<number>;
}

/** Declare a command with its flags typed from its schema. */
export function defineCommand<O extends CommandOptions>(command: Command<O>): Command<O> {
  return command;
}

/** The name of a command as typed: `finance scan`. */
export function commandName(command: Pick<Command, 'noun' | 'verb'>): string {
  return command.verb ? `${command.noun} ${command.verb}` : command.noun;
}

/** How a schema leaf is given on the command line. */
export function leafKind(schema: z.ZodType): 'boolean' | 'array' | 'value' {
  let s = schema as unknown as { _zod: { def: { type: string; innerType?: unknown; in?: unknown } } };
  for (;;) {
    const def = s._zod.def;
    if ((def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) s = def.innerType as typeof s;
    else if (def.type === 'pipe' && def.in) s = def.in as typeof s;
    else return def.type === 'boolean' ? 'boolean' : def.type === 'array' ? 'array' : 'value';
  }
}

/**
 * Parse argv against a command's flags: unknown flags, missing values and values the schema
 * refuses are one usage line naming the flag, never a stack trace.
 */
export function parseCommandLine<O extends CommandOptions>(command: Command<O>, argv: readonly string[]): CommandInput<O> & { help: boolean; given: Set<string> } {
  const name = commandName(command);
  const shape = command.options.shape as Record<string, z.ZodType>;
  const spec: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [key, leaf] of Object.entries(shape)) {
    const kind = leafKind(leaf);
    spec[key] = kind === 'boolean' ? { type: 'boolean' } : kind === 'array' ? { type: 'string', multiple: true } : { type: 'string' };
  }
  for (const [letter, key] of Object.entries(command.short ?? {})) if (spec[key]) spec[key]!.short = letter;
  let parsed: ReturnType<typeof parseArgs>;
  const args = command.optionalValues ? withOptionalValues(argv, command.optionalValues) : [...argv];
  try {
    parsed = parseArgs({ args, options: spec, allowPositionals: command.positionals !== false, strict: true });
  } catch (err) {
    // Node's hint about '--' for positionals starting with '-' is noise here: the flag is the mistake.
    const message = (err instanceof Error ? err.message.split('\n')[0]! : String(err)).replace(/\. To specify a positional argument.*$/, '');
    throw new VigieError('VIGIE_ERR_USAGE', `${name}: ${message}; see vigie ${name} --help`);
  }
  const { help, ...values } = parsed.values as Record<string, unknown>;
  if (help) return { options: {} as z.infer<O>, positionals: parsed.positionals, help: true, given: new Set() };
  const checked = command.options.safeParse(values);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const flag = issue.path.length > 0 ? `--${String(issue.path[0])}` : 'options';
    const got = issue.path.length > 0 ? values[String(issue.path[0])] : undefined;
    throw new VigieError('VIGIE_ERR_USAGE', `${name}: ${flag}: ${issue.message}${got === undefined ? '' : ` (got '${String(got)}')`}; see vigie ${name} --help`);
  }
  return { options: checked.data, positionals: parsed.positionals, help: false, given: new Set(Object.keys(values)) };
}

/**
 * A flag that may come without its value gets the default: `--trust-proxy a.log` is
 * `--trust-proxy 1 a.log` (a value is a whole number there, so a file name is not taken for it).
 *
 * @example
 * withOptionalValues(['--trust-proxy', 'a.log'], { 'trust-proxy': '1' }) // ['--trust-proxy', '1', 'a.log']
 */
export function withOptionalValues(argv: readonly string[], defaults: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    out.push(argv[i]!);
    const flag = argv[i]!.startsWith('--') ? argv[i]!.slice(2) : '';
    if (Object.hasOwn(defaults, flag) && !/^\d+$/.test(argv[i + 1] ?? '')) out.push(defaults[flag]!);
  }
  return out;
}
