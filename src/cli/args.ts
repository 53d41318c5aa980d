import { parseArgs, type ParseArgsConfig } from 'node:util';
import { VigieError } from '../core/index.js';
import { withOptionalValues } from '../core/module/index.js';
import { loadConfig } from './config.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parse a command's arguments strictly: an unknown flag or a missing value is one clear usage
 * line naming the command, never a stack trace.
 */
export function parseCommandArgs<T extends Options>(command: string, argv: readonly string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (err) {
    // Node's hint about '--' for positionals starting with '-' is noise here: the flag is the mistake.
    const message = (err instanceof Error ? err.message.split('\n')[0]! : String(err)).replace(/\. To specify a positional argument.*$/, '');
    throw new VigieError('VIGIE_ERR_USAGE', `${command}: ${message}; see vigie ${command} --help`);
  }
}

/** A whole number option (`--workers 2`), checked for its range. */
export function intOption(command: string, name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new VigieError('VIGIE_ERR_USAGE', `${command}: --${name} takes a whole number from ${min} to ${max}, got '${value}'`);
  }
  return n;
}

/**
 * `--home CC`: a two-letter country code (ISO 3166-1), upper-cased.
 *
 * @example
 * homeOption('serve', 'ca') // 'CA'
 */
export function homeOption(command: string, value: string): string {
  const home = value.toUpperCase();
  if (!/^[A-Z]{2}$/.test(home)) throw new VigieError('VIGIE_ERR_USAGE', `${command}: --home takes a two-letter country code (ISO 3166-1), got '${value}'`);
  return home;
}

/** The database file and home country a command works with. */
export interface CoreSettings {
  db: string;
  home: string;
}

/**
 * A command's `--db` and `--home`, each else from `VIGIE_DB_PATH` / `VIGIE_HOME_COUNTRY`, else
 * `vigie.yaml`, else the one default (`db_path`, `home_country` in core's config): the flags
 * are never given defaults of their own.
 *
 * @example
 * coreSettings('serve', { home: 'fr' }) // { db: './vigie.duckdb', home: 'FR' } with no config
 */
export function coreSettings(command: string, values: { db?: unknown; home?: unknown }): CoreSettings {
  const flags: Record<string, unknown> = {};
  if (typeof values.db === 'string') flags.db_path = values.db;
  if (typeof values.home === 'string') flags.home_country = homeOption(command, values.home);
  const config = loadConfig(flags);
  return { db: config.get<string>('db_path'), home: config.get<string>('home_country') };
}

/**
 * `--trust-proxy` may come without a value: give it the default of one hop.
 *
 * @example
 * normaliseTrustProxy(['--trust-proxy', 'a.log']) // ['--trust-proxy', '1', 'a.log']
 */
export function normaliseTrustProxy(argv: readonly string[]): string[] {
  return withOptionalValues(argv, { 'trust-proxy': '1' });
}
