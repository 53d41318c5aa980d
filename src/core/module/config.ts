import { z } from 'zod';
import { VigieError } from '../errors.js';

/**
 * Settings every part of vigie shares. Defaults live here and nowhere else; names carry
 * their units (`*_secs`, `*_mb`). Modules add a section of their own (their descriptor's
 * `config`), under their name: `web.behaviour_every_secs`.
 */
export const CORE_CONFIG = z.strictObject({
  /** The embedded database file. */
  db_path: z.string().min(1).default('./vigie.duckdb'),
  /** The country whose addresses count as domestic (ISO 3166-1 alpha-2). */
  home_country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code (ISO 3166-1), upper case').default('CA'),
});

/**
 * The `--home CC` flag of every command that judges origins: two letters, any case; mapped onto
 * `home_country` (a command's `config: { home: 'home_country' }`).
 */
export const HOME_FLAG = z.string()
  .regex(/^[A-Za-z]{2}$/, 'takes a two-letter country code (ISO 3166-1)')
  .transform((s) => s.toUpperCase())
  .optional();

/** The `--db PATH` flag of every command that opens the database; mapped onto `db_path`. */
export const DB_FLAG = z.string().min(1).optional();

/** The database file when nothing says otherwise (the default of `db_path`). */
export const DEFAULT_DB_PATH: string = CORE_CONFIG.shape.db_path.parse(undefined);

/** The home country when nothing says otherwise (the default of `home_country`). */
export const DEFAULT_HOME_COUNTRY: string = CORE_CONFIG.shape.home_country.parse(undefined);

/** Where a setting's value came from, most specific first. */
export type ConfigSource = 'flag' | 'env' | 'file' | 'default';

/** The effective configuration: values by dotted key, and where each came from. */
export interface ConfigView {
  /** The whole checked configuration (`{ db_path, home_country, web: {...}, ... }`). */
  readonly values: Readonly<Record<string, unknown>>;
  /** A value by dotted key (`web.behaviour_every_secs`). */
  get<T = unknown>(key: string): T;
  /** Where each leaf's value came from, by dotted key. */
  readonly sources: Readonly<Record<string, ConfigSource>>;
  /** The configuration file read, if any. */
  readonly file: string | null;
}

/** Inputs of {@link resolveConfig}, lowest precedence last. */
export interface ConfigInputs {
  /** Values from a command's flags, by dotted key. */
  flags?: Readonly<Record<string, unknown>>;
  /** The process environment: `VIGIE_<SECTION>_<KEY>` (`VIGIE_WEB_BEHAVIOUR_EVERY_SECS`), `VIGIE_DB_PATH`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The parsed `vigie.yaml`, and its path for messages. */
  file?: { path: string; values: unknown } | null;
}

type Leaf = { key: string; schema: z.ZodType };

/** The schema of the whole configuration: the core settings and one section per module. */
export function configSchema(sections: Readonly<Record<string, z.ZodObject>>): z.ZodObject {
  const shape: Record<string, z.ZodType> = { ...CORE_CONFIG.shape };
  for (const [name, section] of Object.entries(sections)) shape[name] = section.prefault({});
  return z.strictObject(shape);
}

/**
 * The effective configuration: each setting from the command's flag, else its `VIGIE_*`
 * variable, else `vigie.yaml`, else the default. An unknown key in the file, or a value a
 * setting refuses, is one error line naming the key and where the value came from.
 *
 * @example
 * resolveConfig(configSchema({ web: WEB_CONFIG }), { env: process.env, flags: { db_path: 'x.duckdb' } }).get('db_path') // 'x.duckdb'
 */
export function resolveConfig(schema: z.ZodObject, inputs: ConfigInputs): ConfigView {
  const leaves = leavesOf(schema);
  const fileValues = inputs.file ? inputs.file.values ?? {} : {};
  if (typeof fileValues !== 'object' || Array.isArray(fileValues)) {
    throw new VigieError('VIGIE_ERR_CONFIG', `${inputs.file!.path}: expected a mapping of settings at the top level`);
  }
  const merged = structuredClone(fileValues) as Record<string, unknown>;
  const sources: Record<string, ConfigSource> = {};
  for (const { key, schema: leaf } of leaves) {
    const envName = `VIGIE_${key.replace(/\./g, '_').toUpperCase()}`;
    const fromFlag = inputs.flags?.[key];
    const fromEnv = inputs.env?.[envName];
    if (fromFlag !== undefined) {
      setPath(merged, key, fromFlag);
      sources[key] = 'flag';
    } else if (fromEnv !== undefined && fromEnv !== '') {
      setPath(merged, key, coerceText(fromEnv, leaf, `${envName}`));
      sources[key] = 'env';
    } else if (getPath(fileValues as Record<string, unknown>, key) !== undefined) {
      sources[key] = 'file';
    } else {
      sources[key] = 'default';
    }
  }
  const checked = schema.safeParse(merged);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    const key = issue.code === 'unrecognized_keys' ? [path, ...(issue as { keys: string[] }).keys].filter(Boolean).join('.') : path;
    const where = sourceWords(sources[key] ?? 'file', key, inputs.file?.path);
    throw new VigieError('VIGIE_ERR_CONFIG', `configuration: ${key || 'settings'}: ${issue.code === 'unrecognized_keys' ? 'unknown setting' : issue.message} (${where})`);
  }
  const values = checked.data as Record<string, unknown>;
  return { values, sources, file: inputs.file?.path ?? null, get: <T>(key: string) => getPath(values, key) as T };
}

/** Every leaf setting of a schema, by dotted key. */
export function leavesOf(schema: z.ZodObject, prefix = ''): Leaf[] {
  const out: Leaf[] = [];
  for (const [name, child] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const key = prefix ? `${prefix}.${name}` : name;
    const inner = unwrap(child);
    if (inner._zod.def.type === 'object') out.push(...leavesOf(inner as unknown as z.ZodObject, key));
    else out.push({ key, schema: child });
  }
  return out;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } };
  while (['default', 'optional', 'nullable', 'prefault'].includes(s._zod.def.type) && s._zod.def.innerType) s = s._zod.def.innerType as unknown as typeof s;
  return s as unknown as z.ZodType;
}

/** Text from the environment as the setting's type: numbers and booleans parsed, the rest kept. */
function coerceText(text: string, leaf: z.ZodType, name: string): unknown {
  const type = unwrap(leaf)._zod.def.type;
  if (type === 'number' || type === 'int') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw new VigieError('VIGIE_ERR_CONFIG', `configuration: ${name}: expected a number, got '${text}'`);
    return n;
  }
  if (type === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(text)) return true;
    if (/^(0|false|no|off)$/i.test(text)) return false;
    throw new VigieError('VIGIE_ERR_CONFIG', `configuration: ${name}: expected true or false, got '${text}'`);
  }
  if (type === 'array') return text.split(',').map((s) => s.trim()).filter(Boolean);
  return text;
}

function sourceWords(source: ConfigSource, key: string, file: string | undefined): string {
  switch (source) {
    case 'flag': return 'from the command line';
    case 'env': return `from VIGIE_${key.replace(/\./g, '_').toUpperCase()}`;
    case 'file': return `in ${file ?? 'the configuration file'}`;
    default: return 'default';
  }
}

function getPath(obj: Record<string, unknown>, key: string): unknown {
  let cur: unknown = obj;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    if (cur[part] === null || typeof cur[part] !== 'object') cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}
