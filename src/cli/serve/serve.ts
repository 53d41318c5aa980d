import { VigieError } from '../../core/index.js';
import { isLoopback, startServer } from '../../server/index.js';
import { LOG_FORMATS, type LogFormat } from '../../web/index.js';
import { coreSettings, intOption, normaliseTrustProxy, parseCommandArgs } from '../args.js';
import { loadConfig } from '../config.js';
import { defaultWorkers } from '../../web/index.js';

const HELP = `Usage: vigie serve [--db PATH] [--port N] [--host ADDR] [--follow FILE...]

Serves the analyst dashboard and its API on http://127.0.0.1:8080. Sign in with a token from
'vigie user add'. With --follow, the server also reads the logs as they grow (as
'vigie web analyze --follow' does: same checkpoints, nothing lost or repeated on restart);
log shippers can push lines to POST /api/ingest.

Options:
  --db PATH         database file (default ./vigie.duckdb)
  --port N          port (default 8080; 0 picks a free one)
  --host ADDR       address to listen on (default 127.0.0.1; anything else is reachable from
                    the network: a warning is printed, put TLS in front)
  --follow FILE     follow this log (repeat for several)
  --format F        format of the followed logs: auto (default), ${LOG_FORMATS.join(', ')}
  --trust-proxy [N] vigie sits behind N proxies (default 1; default without the option: none):
                    the client of a request, for the failed sign-in limit and the audit log,
                    and the client of a followed log line are taken from X-Forwarded-For,
                    trusting the N entries the proxies appended. Only when clients cannot reach
                    vigie except through them: anyone else can write X-Forwarded-For
  --behaviour-every N  look for brute force, floods and scans in the lines followed or pushed
                    every N seconds (default 60; 0: never); clients, their origins and
                    campaigns are brought up to date after each look
  --home CC         the country that counts as domestic (default CA)
  --no-geo          do not attribute the origins of live clients
  --web DIR         dashboard files (default: the built dashboard, dist/web)
  --quiet           log warnings and errors only
  -h, --help        this help`;

/** `vigie serve`: the dashboard and API until Ctrl-C. */
export async function serveCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('serve', normaliseTrustProxy(argv), {
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    follow: { type: 'string', multiple: true },
    format: { type: 'string', default: 'auto' },
    'trust-proxy': { type: 'string' },
    'behaviour-every': { type: 'string' },
    home: { type: 'string' },
    'no-geo': { type: 'boolean', default: false },
    web: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  // `--follow a.log b.log`: files after --follow are followed too.
  const follow = [...((values.follow as string[] | undefined) ?? []), ...positionals];
  if (positionals.length > 0 && !values.follow) throw new VigieError('VIGIE_ERR_USAGE', `serve: unexpected argument '${positionals[0]}'; to follow a log use --follow FILE`);
  const format = values.format as string;
  if (format !== 'auto' && !(LOG_FORMATS as readonly string[]).includes(format)) {
    throw new VigieError('VIGIE_ERR_USAGE', `serve: unknown --format '${format}'; use auto, ${LOG_FORMATS.join(', ')}`);
  }
  const host = values.host as string;
  const { db, home } = coreSettings('serve', values);
  const trustProxyHops = values['trust-proxy'] === undefined ? 0 : intOption('serve', 'trust-proxy', values['trust-proxy'] as string, 1, 1, 16);
  const server = await startServer({
    db,
    host,
    port: intOption('serve', 'port', values.port as string | undefined, 8080, 0, 65535),
    logger: values.quiet ? 'warn' : 'info',
    home: values['no-geo'] ? null : home,
    behaviourEverySecs: intOption('serve', 'behaviour-every', values['behaviour-every'] as string | undefined, 60, 0, 86_400),
    trustProxyHops,
    // Modules' settings (tips.pow_bits, ...) from VIGIE_* and vigie.yaml.
    config: loadConfig({ db_path: db }),
    ...(values.web ? { webDir: values.web as string } : {}),
    follow: {
      files: follow, format: format as LogFormat | 'auto', workers: Math.min(defaultWorkers(), 1),
      trustProxyHops,
    },
  });
  if (!isLoopback(host)) process.stderr.write(`vigie serve: warning: listening on ${host}, reachable from the network; put TLS in front\n`);
  process.stdout.write(`vigie serve: listening on ${server.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.close();
  return 0;
}
