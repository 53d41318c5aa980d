import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { VigieError } from '../core/index.js';
import { configSchema, resolveConfig, type ConfigView } from '../core/module/index.js';
import { MODULES } from '../registry/index.js';

/** The configuration file: `$VIGIE_CONFIG`, else `./vigie.yaml` when it exists. */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.VIGIE_CONFIG) {
    if (!existsSync(env.VIGIE_CONFIG)) throw new VigieError('VIGIE_ERR_CONFIG', `VIGIE_CONFIG names ${env.VIGIE_CONFIG}, which does not exist`);
    return env.VIGIE_CONFIG;
  }
  return existsSync('vigie.yaml') ? 'vigie.yaml' : null;
}

/**
 * The effective configuration for a command: defaults < vigie.yaml < VIGIE_* < `flags`
 * (dotted keys). One error line naming the key when anything is invalid.
 */
export function loadConfig(flags: Readonly<Record<string, unknown>> = {}, env: NodeJS.ProcessEnv = process.env): ConfigView {
  const path = configFilePath(env);
  let file: { path: string; values: unknown } | null = null;
  if (path !== null) {
    try {
      file = { path, values: parseYaml(readFileSync(path, 'utf8')) ?? {} };
    } catch (err) {
      throw new VigieError('VIGIE_ERR_CONFIG', `${path}: not valid YAML: ${String(err instanceof Error ? err.message : err).split('\n')[0]}`);
    }
  }
  const sections = Object.fromEntries(MODULES.filter((m) => m.config).map((m) => [m.name, m.config!]));
  return resolveConfig(configSchema(sections), { flags, env, file });
}
