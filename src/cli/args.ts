import { parseArgs, type ParseArgsConfig } from 'node:util';
import { VigieError } from '../core/index.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parse a command's arguments strictly: an unknown flag or a missing value is one clear usage
 * line naming the command, never a stack trace.
 */
export function parseCommandArgs<T extends Options>(command: string, argv: readonly string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
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

/**
 * `--trust-proxy` may come without a value: give it the default of one hop.
 *
 * @example
 * normaliseTrustProxy(['--trust-proxy', 'a.log']) // ['--trust-proxy', '1', 'a.log']
 */
export function normaliseTrustProxy(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    out.push(argv[i]!);
    if (argv[i] === '--trust-proxy' && !/^\d+$/.test(argv[i + 1] ?? '')) out.push('1');
  }
  return out;
}
