/**
 * CrowdSec as the peer of vigie's behaviour detection: the same access logs replayed through
 * CrowdSec (Debian package `crowdsec`, its offline hub as installed), and the addresses it
 * raised an alert on. The issue names CrowdSec's HTTP scenarios as the reference to match and
 * exceed; this measures it on the same data in the same evaluation run.
 *
 * How: a private copy of /etc/crowdsec in a temporary folder (its own SQLite database and
 * loopback port, no Central API, no metrics), the local API started alone (`-no-cs`), each
 * file replayed with `crowdsec -dsn file://... -type nginx -no-api` (the nginx parser reads
 * Apache's combined format too), then `cscli alerts list -o json`. The hub's private-address
 * whitelist is left out of the copy: the scanner corpus comes from lab addresses
 * (192.168.x.x) that vigie analyses, and CrowdSec would otherwise drop every line of it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ETC = '/etc/crowdsec';
const DATA = '/var/lib/crowdsec/data';
const WHITELIST = 'parsers/s02-enrich/whitelists.yaml';

/** Addresses CrowdSec alerted on in one file, with the scenarios that fired. */
export type CrowdSecAlerts = Map<string, string[]>;

/** What the peer found, file by file, and the version that found it. */
export interface CrowdSecReplay {
  version: string;
  byFile: Map<string, CrowdSecAlerts>;
}

/** Why CrowdSec cannot run here, or undefined when it can. */
export function crowdSecMissing(): string | undefined {
  if (spawnSync('crowdsec', ['-version'], { stdio: 'ignore' }).error !== undefined) return 'crowdsec not installed (apt-get install crowdsec; see bench/README.md)';
  if (!existsSync(join(ETC, 'config.yaml'))) return `${ETC}/config.yaml missing (the crowdsec package did not finish configuring)`;
  return undefined;
}

/**
 * Replays each file through CrowdSec and returns the alerts of each.
 *
 * @example
 * const replay = await replayCrowdSec(['/logs/w3af.access.log']);
 * replay.byFile.get('/logs/w3af.access.log')?.get('192.168.4.163') // ['crowdsecurity/http-probing']
 */
export async function replayCrowdSec(files: readonly string[]): Promise<CrowdSecReplay> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-crowdsec-'));
  const config = join(dir, 'etc', 'config.yaml');
  let lapi: ReturnType<typeof spawn> | undefined;
  try {
    const port = await freePort();
    prepareConfig(dir, port);
    run('cscli', ['-c', config, 'machines', 'add', 'vigie-eval', '--auto', '--force', '-f', join(dir, 'etc', 'local_api_credentials.yaml')]);
    writeFileSync(join(dir, 'etc', 'local_api_credentials.yaml'),
      readFileSync(join(dir, 'etc', 'local_api_credentials.yaml'), 'utf8').replace(/^url: .*$/m, `url: http://127.0.0.1:${port}`));
    lapi = spawn('crowdsec', ['-c', config, '-no-cs'], { stdio: 'ignore' });
    await listening(port, 30_000);
    const byFile = new Map<string, CrowdSecAlerts>();
    const seen = new Set<number>();
    for (const file of files) {
      run('crowdsec', ['-c', config, '-dsn', `file://${file}`, '-type', 'nginx', '-no-api'], join(dir, 'replay.log'));
      // Alerts reach the local API before the replay exits; the new ones are this file's.
      const alerts = JSON.parse(run('cscli', ['-c', config, 'alerts', 'list', '-o', 'json', '-l', '0'])) as Array<{ id: number; scenario: string; source: { ip?: string } }> | null;
      const mine: CrowdSecAlerts = new Map();
      for (const a of alerts ?? []) {
        if (seen.has(a.id) || !a.source.ip) continue;
        seen.add(a.id);
        const scenarios = mine.get(a.source.ip) ?? [];
        if (!scenarios.includes(a.scenario)) scenarios.push(a.scenario);
        mine.set(a.source.ip, scenarios.sort());
      }
      byFile.set(file, mine);
    }
    const printed = spawnSync('crowdsec', ['-version'], { encoding: 'utf8' });
    const version = /version: v?([^\s-~]+)/.exec(`${printed.stdout}${printed.stderr}`)?.[1] ?? '?';
    return { version, byFile };
  } finally {
    lapi?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

function prepareConfig(dir: string, port: number): void {
  const etc = join(dir, 'etc');
  // The hub's data files, linked into a folder of our own. Debian ships the path traversal
  // list as path_traversal.txt, but the hub's scenario reads http_path_traversal.txt (the same
  // sec-lists file, under the name the online hub saves it as); without it CrowdSec logs the
  // missing file on every request and runs that scenario empty.
  const data = join(dir, 'data');
  mkdirSync(data);
  for (const name of readdirSync(DATA)) if (name !== 'crowdsec.db') symlinkSync(join(DATA, name), join(data, name));
  if (!existsSync(join(data, 'http_path_traversal.txt')) && existsSync(join(DATA, 'path_traversal.txt'))) {
    symlinkSync(join(DATA, 'path_traversal.txt'), join(data, 'http_path_traversal.txt'));
  }
  // Hub items are symlinks into /var/lib/crowdsec/hub: copied as links, read in place.
  cpSync(ETC, etc, { recursive: true, verbatimSymlinks: true });
  rmSync(join(etc, WHITELIST), { force: true });
  writeFileSync(join(etc, 'acquis.yaml'), '');
  const text = readFileSync(join(etc, 'config.yaml'), 'utf8')
    .replaceAll(`${ETC}/`, `${etc}/`)
    .replace('daemonize: true', 'daemonize: false')
    .replace(/parser_routines: \d+/, 'parser_routines: 2') // both cores, as vigie has
    .replace('log_media: file', 'log_media: stdout')
    .replace(/data_dir: .*/, `data_dir: ${data}/`)
    .replace(/db_path: .*/, `db_path: ${join(dir, 'crowdsec.db')}`)
    .replace(/listen_uri: .*/, `listen_uri: 127.0.0.1:${port}`)
    .replace(/ {4}online_client:.*\n {6}credentials_path: .*\n/, '')
    .replace(/prometheus:\n {2}enabled: true/, 'prometheus:\n  enabled: false');
  writeFileSync(join(etc, 'config.yaml'), text);
}

/**
 * Runs a command to its end and returns its stdout; `log`: its output goes to that file
 * instead (a replay logs every alert), and an error quotes the file's last line.
 */
function run(cmd: string, args: readonly string[], log?: string): string {
  const fd = log === undefined ? undefined : openSync(log, 'w');
  try {
    const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 900_000, stdio: fd === undefined ? 'pipe' : ['ignore', fd, fd] });
    if (r.error === undefined && r.status === 0) return r.stdout ?? '';
    const output = log === undefined ? r.stderr ?? '' : readFileSync(log, 'utf8').slice(-4096);
    const last = output.trim().split('\n').filter((l) => !l.includes('expr library')).pop() ?? '';
    throw new Error(`${cmd} ${args.slice(0, 4).join(' ')}: ${r.error?.message ?? `exit ${r.status}`} ${last.slice(0, 300)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function listening(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`crowdsec: its local API did not listen on 127.0.0.1:${port} within ${timeoutMs / 1000} s`);
}
