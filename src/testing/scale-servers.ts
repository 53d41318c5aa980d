import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real NATS (JetStream) and ClickHouse servers for the scale-out tests, from the Debian
 * packages `nats-server` and `clickhouse-server` (installed by `.ci/run`): each on 127.0.0.1,
 * on free ports, in a temporary directory, waited on until it answers (never a fixed sleep),
 * and stopped (then its directory removed) by `stop()`.
 */

export const NATS_SERVER_BIN = '/usr/sbin/nats-server';
export const CLICKHOUSE_SERVER_BIN = '/usr/sbin/clickhouse-server';

/** Whether the scale-out servers are installed (tests say so and skip when they are not). */
export function scaleServersInstalled(): boolean {
  return existsSync(NATS_SERVER_BIN) && existsSync(CLICKHOUSE_SERVER_BIN);
}

/** A port no one listens on right now (bound then released by the OS). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Poll `check` until it returns true; fail after `timeoutMs` with `what` and the last error. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, exited?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    const dead = exited?.();
    if (dead) throw new Error(`${what}: ${dead}`);
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

async function httpOk(url: string, body?: (text: string) => boolean): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  const text = await response.text();
  return response.ok && (body === undefined || body(text));
}

/** A server process started here. */
class ServerProcess {
  #child: ChildProcess;
  #exit: string | undefined;
  #exited: Promise<void>;

  constructor(readonly name: string, bin: string, args: readonly string[], logFile: string) {
    const out = openSync(logFile, 'a');
    this.#child = spawn(bin, args, { stdio: ['ignore', out, out] });
    closeSync(out);
    this.#exited = new Promise((done) => this.#child.on('exit', (code, signal) => {
      this.#exit = `exited (${signal ?? code}); see ${logFile}`;
      done();
    }));
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** Why it is no longer running, or undefined while it runs. */
  exited = (): string | undefined => this.#exit;

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.#exit) return;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }

  async kill9(): Promise<void> {
    if (this.#exit) return;
    this.#child.kill('SIGKILL');
    await this.#exited;
  }
}

export interface NatsCluster {
  /** Client URLs, one per node (`nats://127.0.0.1:PORT`), comma-joined in `url`. */
  urls: string[];
  url: string;
  /** Stop one node (kill -9) and start it again on the same ports and storage. */
  killNode(index: number): Promise<void>;
  restartNode(index: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Start `nodes` NATS servers with JetStream on 127.0.0.1 (one node, or a cluster of three with
 * routes between them), and wait until every node says JetStream is ready.
 */
export async function startNats(options: { nodes?: 1 | 3 } = {}): Promise<NatsCluster> {
  const nodes = options.nodes ?? 1;
  const dir = await mkdtemp(join(tmpdir(), 'vigie-nats-'));
  const ports = await Promise.all(Array.from({ length: nodes }, async () => ({ client: await freePort(), cluster: await freePort(), monitor: await freePort() })));
  const configs: string[] = [];
  for (let i = 0; i < nodes; i++) {
    const p = ports[i]!;
    const store = join(dir, `n${i}`);
    await mkdir(store, { recursive: true });
    const routes = ports.filter((_, j) => j !== i).map((q) => `nats-route://127.0.0.1:${q.cluster}`);
    const config = [
      `server_name: n${i}`,
      `listen: 127.0.0.1:${p.client}`,
      `http: 127.0.0.1:${p.monitor}`,
      `jetstream { store_dir: "${store}", max_memory_store: 64MB, max_file_store: 1GB }`,
      ...(nodes > 1 ? [`cluster { name: vigie, listen: 127.0.0.1:${p.cluster}, routes: [${routes.join(', ')}] }`] : []),
    ].join('\n');
    const file = join(dir, `n${i}.conf`);
    await writeFile(file, config + '\n');
    configs.push(file);
  }
  const procs: Array<ServerProcess | undefined> = [];
  const launch = (i: number): ServerProcess => new ServerProcess(`nats n${i}`, NATS_SERVER_BIN, ['-c', configs[i]!], join(dir, `n${i}.log`));
  const ready = (i: number): Promise<void> => waitFor(`nats n${i}`, () => httpOk(`http://127.0.0.1:${ports[i]!.monitor}/healthz?js-enabled-only=true`), 60_000, procs[i]!.exited);
  for (let i = 0; i < nodes; i++) procs[i] = launch(i);
  try {
    await Promise.all(procs.map((_, i) => ready(i)));
    if (nodes > 1) {
      // A cluster's JetStream answers once every node knows the meta leader elected.
      await Promise.all(ports.map((p, i) => waitFor(`nats n${i}: JetStream meta leader`, () => httpOk(`http://127.0.0.1:${p.monitor}/jsz`, (t) => Boolean((JSON.parse(t) as { meta_cluster?: { leader?: string } }).meta_cluster?.leader)), 60_000)));
    }
  } catch (err) {
    await Promise.all(procs.map((p) => p?.stop()));
    throw err;
  }
  const urls = ports.map((p) => `nats://127.0.0.1:${p.client}`);
  return {
    urls,
    url: urls.join(','),
    killNode: async (i) => procs[i]?.kill9(),
    restartNode: async (i) => {
      procs[i] = launch(i);
      await ready(i);
    },
    stop: async () => {
      await Promise.all(procs.map((p) => p?.stop()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface ClickHouseServer {
  /** `http://127.0.0.1:PORT` (the HTTP interface). */
  httpUrl: string;
  /** `clickhouse://127.0.0.1:PORT/DB` for `--store`, with a database name of the caller's. */
  storeUrl(database: string): string;
  /** Stop (kill -9) and start again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Start one ClickHouse server on 127.0.0.1 (HTTP interface), data in a temporary directory. */
export async function startClickHouse(): Promise<ClickHouseServer> {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-clickhouse-'));
  const http = await freePort();
  const tcp = await freePort();
  const config = `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>32</max_concurrent_queries>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mlock_executable>false</mlock_executable>
</yandex>
`;
  const users = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>1000000000</max_memory_usage><max_threads>2</max_threads></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;
  await writeFile(join(dir, 'config.xml'), config);
  await writeFile(join(dir, 'users.xml'), users);
  const httpUrl = `http://127.0.0.1:${http}`;
  let proc: ServerProcess;
  const launch = async (): Promise<void> => {
    proc = new ServerProcess('clickhouse', CLICKHOUSE_SERVER_BIN, [`--config-file=${join(dir, 'config.xml')}`], join(dir, 'server.log'));
    try {
      await waitFor('clickhouse', () => httpOk(`${httpUrl}/?query=SELECT%201`, (t) => t.trim() === '1'), 90_000, proc.exited);
    } catch (err) {
      await proc.stop();
      throw err;
    }
  };
  await launch();
  return {
    httpUrl,
    storeUrl: (database) => `clickhouse://127.0.0.1:${http}/${database}`,
    restart: async () => {
      await proc.kill9();
      await launch();
    },
    stop: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
