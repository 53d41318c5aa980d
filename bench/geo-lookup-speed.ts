/**
 * `node dist/bench/geo-lookup-speed.js [--count N] [--peer DIR]`: the time and peak memory of
 * `vigie geo lookup --input FILE` on N addresses (default 1,000,000), drawn uniformly over
 * delegated IPv4 space (90%) and delegated IPv6 blocks (10%) with a fixed seed, so almost
 * every address is new to the cache (the worst case; real logs repeat addresses). Runs this
 * checkout with the shipped data, then with the cloud providers' files and geofeeds of the
 * corpora installed, and, with `--peer DIR`, another vigie checkout (e.g. main before a change)
 * on the same file in the same run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { corpus } from '../src/testing/corpora.js';
import { installProviders } from './geo-eval/feeds-dir.js';
import { delegatedV4, random, REGISTRY_V6, sample } from './geo-eval/labels.js';
import { measure } from './measure.js';

function addresses(count: number): string[] {
  const rnd = random(1_000_000);
  const draw = delegatedV4();
  const v6 = readFileSync(corpus(REGISTRY_V6), 'utf8').trim().split('\n').slice(1).map((r) => r.split(',')[0]!);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(i % 10 === 9 ? sample(v6[Math.floor(rnd() * v6.length)]!)! : draw(rnd()).ip);
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '1000000' }, peer: { type: 'string' } } });
  const count = Number(values.count);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-geo-speed-'));
  try {
    const input = join(dir, 'addresses.txt');
    writeFileSync(input, addresses(count).join('\n') + '\n');
    const empty = join(dir, 'no-user-data');
    const feeds = installProviders([], dir);
    const runs: Array<[string, string, string]> = [];
    if (values.peer) runs.push(['peer checkout, shipped data', resolve(values.peer, 'bin/vigie.js'), empty]);
    runs.push(['this checkout, shipped data', resolve('bin/vigie.js'), empty], ['this checkout, providers files installed', resolve('bin/vigie.js'), feeds]);
    if (values.peer) console.log(`peer: ${resolve(values.peer)}`);
    console.log(`vigie geo lookup --input (${count.toLocaleString('en')} addresses, 90% IPv4 / 10% IPv6, nearly all distinct)`);
    for (const [label, bin, dataDir] of runs) {
      const m = await measure(label.replace(/\W+/g, '-'), 1, process.execPath, [bin, 'geo', 'lookup', '--input', input, '--quiet', '--data-dir', dataDir], process.cwd());
      const rate = m.ok ? Math.round(count / m.wallSecs).toLocaleString('en') : 'failed';
      console.log(`${label.padEnd(48)} ${m.wallSecs.toFixed(1).padStart(7)} s  ${rate.padStart(9)} addresses/s  peak RSS ${m.peakRssMb?.toFixed(1) ?? '?'} MB${m.ok ? '' : `  ${m.error}`}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
