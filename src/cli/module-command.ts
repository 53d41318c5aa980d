import { commandName, parseCommandLine, type Command, type CommandContext } from '../core/module/index.js';
import { originsSource } from '../geo/index.js';
import { compactDatabaseFile, openStoreSession } from '../store/index.js';
import { MODULES } from '../registry/index.js';
import { loadConfig } from './config.js';

/**
 * Run a module's command: parse its flags, resolve the configuration with the flags that set
 * settings (`--db` is `db_path`), and give it a context. Usage errors are VigieErrors, which
 * `main` prints as one line.
 */
export async function runModuleCommand(command: Command, argv: readonly string[]): Promise<number> {
  const input = parseCommandLine(command, argv);
  if (input.help) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  const flags: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(command.config ?? {})) {
    const value = (input.options as Record<string, unknown>)[flag];
    if (input.given.has(flag) && value !== undefined) flags[key] = value;
  }
  const config = loadConfig(flags);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const ctx: CommandContext = {
    config,
    openStore: (o = {}) => openStoreSession(config.get<string>('db_path'), MODULES, o),
    compactStore: () => compactDatabaseFile(config.get<string>('db_path')),
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
    origins: (home) => originsSource(home),
  };
  try {
    return await command.run({ options: input.options, positionals: input.positionals }, ctx);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** Modules' commands by noun then verb (a command without a verb is the noun alone). */
export function moduleCommands(): Map<string, Map<string, Command>> {
  const out = new Map<string, Map<string, Command>>();
  for (const m of MODULES) {
    for (const c of m.commands ?? []) {
      const verbs = out.get(c.noun) ?? new Map<string, Command>();
      if (verbs.has(c.verb ?? '')) throw new Error(`two commands named '${commandName(c)}'`);
      verbs.set(c.verb ?? '', c);
      out.set(c.noun, verbs);
    }
  }
  return out;
}
