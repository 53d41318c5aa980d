import { createRequire } from 'node:module';
import { isVigieError } from '../core/index.js';
import type { Command as ModuleCommand } from '../core/module/index.js';
import { quietOnClosedPipe } from './closed-pipe.js';

type Command = (argv: readonly string[]) => Promise<number>;

/** A command of the CLI itself: loaded when run, so `vigie --help` and `vigie web analyze` never load the server or the report renderer. */
interface OwnCommand {
  summary: string;
  load(): Promise<Command>;
}

const exportVerb = (kind: 'stix' | 'csv' | 'blocklist'): Promise<Command> => import('./export/export.js').then((m) => m.exportCommand(kind));

/** `vigie <noun> <verb>`: the CLI's own commands, by noun then verb ('' is the noun alone). */
const COMMANDS: Record<string, Record<string, OwnCommand>> = {
  demo: { '': { summary: 'run realistic sample traffic through the whole pipeline', load: () => import('./demo/command.js').then((m) => m.demoCommand) } },
  report: { '': { summary: 'committee report (html, pdf, md, json; en or fr) of what is stored', load: () => import('./report/report.js').then((m) => m.reportCommand) } },
  export: {
    stix: { summary: 'STIX 2.1 bundle of the attacking addresses, campaigns and attribution', load: () => exportVerb('stix') },
    csv: { summary: 'one row per attacking address', load: () => exportVerb('csv') },
    blocklist: { summary: 'addresses to block with an expiry (plain, nginx, ipset)', load: () => exportVerb('blocklist') },
  },
  serve: { '': { summary: 'the analyst dashboard and its API on 127.0.0.1', load: () => import('./serve/serve.js').then((m) => m.serveCommand) } },
  user: { add: { summary: 'a dashboard/API user (NAME --role R); prints its token once', load: () => import('./user/add.js').then((m) => m.userAddCommand) } },
  config: {
    show: {
      summary: 'the effective configuration and where each value came from',
      load: async () => {
        const [{ configShowCommand }, { runModuleCommand }] = await Promise.all([import('./config-cmd/show.js'), import('./module-command.js')]);
        return (argv) => runModuleCommand(configShowCommand as unknown as ModuleCommand, argv);
      },
    },
  },
};

const HELP_START = `vigie — a foreign-interference observatory for election bodies

Usage: vigie <noun> <verb> [options]
`;

const HELP_END = 'Run any command with --help for its options (vigie export --help lists its verbs).';

const isHelp = (arg: string | undefined): boolean => arg === '--help' || arg === '-h' || arg === 'help';

/**
 * The CLI entry point: returns the process exit code. Errors users can fix are one line
 * (`vigie: what, where, what to do`) with a non-zero code; anything else is a bug, reported
 * with its stack so it can be filed.
 */
export async function main(argv: readonly string[]): Promise<number> {
  quietOnClosedPipe();
  if (argv[0] === 'help' && argv.length > 1) return main([...argv.slice(1), '--help']);
  const [noun, verb, ...rest] = argv;
  try {
    if (noun === undefined || isHelp(noun)) {
      process.stdout.write(`${HELP_START}\n${await commandLines()}\n\n${HELP_END}\n`);
      return noun === undefined ? 2 : 0;
    }
    if (noun === '--version' || noun === '-v') {
      const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };
      console.log(pkg.version);
      return 0;
    }
    const own = Object.hasOwn(COMMANDS, noun) ? COMMANDS[noun]! : undefined;
    const ownVerb = own && verb !== undefined && Object.hasOwn(own, verb) ? own[verb] : undefined;
    if (ownVerb) return await (await ownVerb.load())(rest);
    if (own && Object.hasOwn(own, '')) return await (await own['']!.load())(argv.slice(1));
    const { moduleCommands, runModuleCommand } = await import('./module-command.js');
    const moduleVerbs = moduleCommands().get(noun);
    const command = moduleVerbs?.get(verb ?? '') ?? (verb === undefined || verb.startsWith('-') ? moduleVerbs?.get('') : undefined);
    if (command) return await runModuleCommand(command, command.verb ? rest : argv.slice(1));
    const verbs = new Map<string, string>([
      ...Object.entries(own ?? {}).map(([v, c]) => [v, c.summary] as const),
      ...[...(moduleVerbs ?? new Map<string, ModuleCommand>())].map(([v, c]) => [v, c.summary] as const),
    ]);
    if (verbs.size > 0 && (verb === undefined || isHelp(verb))) {
      // `vigie export --help`, or `vigie export` alone: the noun's verbs.
      (isHelp(verb) ? process.stdout : process.stderr).write(`${nounHelp(noun, verbs)}\n`);
      return isHelp(verb) ? 0 : 2;
    }
    const known = verbs.size > 0 ? ` (verbs: ${[...verbs.keys()].join(', ')})` : '';
    process.stderr.write(`vigie: unknown command '${[noun, verb].filter(Boolean).join(' ')}'${known}; see vigie ${verbs.size > 0 ? `${noun} ` : ''}--help\n`);
    return 2;
  } catch (err) {
    if (isVigieError(err)) {
      process.stderr.write(`vigie: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`vigie: internal error, please report it: ${err instanceof Error ? err.stack : String(err)}\n`);
    return 70;
  }
}

/**
 * `vigie NOUN --help`: the noun's verbs, one a line.
 *
 * @example
 * nounHelp('user', new Map([['add', 'a dashboard/API user']]))
 * // 'Usage: vigie user <verb> [options]\n\nVerbs:\n  add  a dashboard/API user\n\nRun vigie user VERB --help for its options.'
 */
export function nounHelp(noun: string, verbs: ReadonlyMap<string, string>): string {
  const width = Math.max(...[...verbs.keys()].map((v) => v.length)) + 2;
  const lines = [...verbs].map(([v, summary]) => `  ${v.padEnd(width)}${summary}`);
  return `Usage: vigie ${noun} <verb> [options]\n\nVerbs:\n${lines.join('\n')}\n\nRun vigie ${noun} VERB --help for its options.`;
}

/** Lines of `vigie --help`: the modules' commands in the registry's order, then the CLI's own. */
async function commandLines(): Promise<string> {
  const { moduleCommands } = await import('./module-command.js');
  const lines: string[] = [];
  const line = (noun: string, verb: string, summary: string): number => lines.push(`  vigie ${[noun, verb].filter(Boolean).join(' ').padEnd(22)}${summary}`);
  for (const [noun, verbs] of moduleCommands()) for (const [verb, c] of verbs) line(noun, verb, c.summary);
  for (const [noun, verbs] of Object.entries(COMMANDS)) for (const [verb, c] of Object.entries(verbs)) line(noun, verb, c.summary);
  return lines.join('\n');
}
