import { createRequire } from 'node:module';
import { isVigieError } from '../core/index.js';
import { demoCommand } from './demo/command.js';
import { exportCommand } from './export/export.js';
import { reportCommand } from './report/report.js';
import { serveCommand } from './serve/serve.js';
import { userAddCommand } from './user/add.js';
import { configShowCommand } from './config-cmd/show.js';
import { moduleCommands, runModuleCommand } from './module-command.js';
import type { Command as ModuleCommand } from '../core/module/index.js';

type Command = (argv: readonly string[]) => Promise<number>;

/** `vigie <noun> <verb>`: every command, by noun then verb. */
const COMMANDS: Record<string, Record<string, Command> | Command> = {
  demo: demoCommand,
  report: reportCommand,
  export: { stix: exportCommand('stix'), csv: exportCommand('csv'), blocklist: exportCommand('blocklist') },
  serve: serveCommand,
  user: { add: userAddCommand },
  config: { show: (argv) => runModuleCommand(configShowCommand as unknown as ModuleCommand, argv) },
};

const HELP_START = `vigie — a foreign-interference observatory for election bodies

Usage: vigie <noun> <verb> [options]
`;

const HELP = `  vigie demo                  run realistic sample traffic through the whole pipeline
  vigie report                committee report (html, pdf, md, json; en or fr) of what is stored
  vigie export stix|csv|blocklist  evidence exports of the attacking addresses
  vigie serve                 the analyst dashboard and its API on 127.0.0.1
  vigie user add NAME --role R  a dashboard/API user; prints its token once
  vigie config show           the effective configuration and where each value came from`;

const HELP_END = 'Run any command with --help for its options.';

/**
 * The CLI entry point: returns the process exit code. Errors users can fix are one line
 * (`vigie: what, where, what to do`) with a non-zero code; anything else is a bug, reported
 * with its stack so it can be filed.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [noun, verb, ...rest] = argv;
  if (noun === undefined || noun === '--help' || noun === '-h' || noun === 'help') {
    console.log(`${HELP_START}\n${moduleHelp()}\n${HELP}\n\n${HELP_END}`);
    return noun === undefined ? 2 : 0;
  }
  if (noun === '--version' || noun === '-v') {
    const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };
    console.log(pkg.version);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, noun) ? COMMANDS[noun] : undefined;
  const modules = moduleCommands();
  try {
    if (typeof entry === 'function') return await entry(argv.slice(1));
    const legacy = entry && verb !== undefined && Object.hasOwn(entry, verb) ? entry[verb] : undefined;
    const moduleVerbs = modules.get(noun);
    const command = legacy ? undefined : moduleVerbs?.get(verb ?? '') ?? (verb === undefined || verb.startsWith('-') ? moduleVerbs?.get('') : undefined);
    if (command) return await runModuleCommand(command, command.verb ? rest : argv.slice(1));
    if (!legacy) {
      const known = [...Object.keys(entry ?? {}), ...(moduleVerbs?.keys() ?? [])];
      const verbs = known.length > 0 ? ` (verbs: ${known.join(', ')})` : '';
      process.stderr.write(`vigie: unknown command '${[noun, verb].filter(Boolean).join(' ')}'${verbs}; see vigie --help\n`);
      return 2;
    }
    return await legacy(rest);
  } catch (err) {
    if (isVigieError(err)) {
      process.stderr.write(`vigie: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`vigie: internal error, please report it: ${err instanceof Error ? err.stack : String(err)}\n`);
    return 70;
  }
}

/** Lines of `vigie --help` for the modules' commands, in the registry's order. */
function moduleHelp(): string {
  const lines: string[] = [];
  for (const [noun, verbs] of moduleCommands()) {
    for (const [verb, c] of verbs) lines.push(`  vigie ${[noun, verb].filter(Boolean).join(' ').padEnd(22)}${c.summary}`);
  }
  return lines.join('\n');
}
