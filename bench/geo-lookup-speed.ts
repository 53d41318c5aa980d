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
import { parseCidr } from '../src/geo/ip-words.js';
import { corpus } from '../src/testing/corpora.js';
import { installProviders } from './geo-eval/feeds-dir.js';
import { sample } from './geo-eval/labels.js';
import { measure } from './measure.js';

function addresses(count: number): string[] {
  let seed = 2026;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 4294967296;
  };
  const v4 = readFileSync(corpus('ip/rir-country-ipverse/rir-country-ipv4.csv'), 'utf8').trim().split('\n').slice(1).map((r) => parseCidr(r.split(',')[0]!) as { start: number; end: number });
  const ends: number[] = [];
  let total = 0;
  for (const b of v4) ends.push((total += b.end - b.start + 1));
  const v6 = readFileSync(corpus('ip/rir-country-ipverse/rir-country-ipv6.csv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split(',')[0]!);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 10 === 9) {
      out.push(sample(v6[Math.floor(rnd() * v6.length)]!)!);
      continue;
    }
    const x = Math.floor(rnd() * total);
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    const n = v4[lo]!.end - (ends[lo]! - 1 - x);
    out.push([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'));
  }
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
