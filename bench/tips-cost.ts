/**
 * What the tips module's abuse controls and key derivation cost, on this machine: the
 * browser's hashcash (the same script pow.js runs, here in Node's V8) at 12, 16 and 18 bits,
 * the server's check of a solution, and one Argon2id derivation (receipt or passphrase).
 * Medians of several runs. `npm run build && node dist/bench/tips-cost.js`
 */
import { performance } from 'node:perf_hooks';
import { POW_SCRIPT } from '../src/tips/site/pow-script.js';
import { Guard, solves } from '../src/tips/site/guard.js';
import { deriveKey, newSalt } from '../src/tips/crypto/seal.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const grab: { sha?: (s: string) => number[] } = {};
new Function('document', 'grab', POW_SCRIPT.replace("var form = document.getElementById('report-form');", 'grab.sha = sha256; return;'))({}, grab);
const sha = grab.sha!;
const zero = (w: number[], bits: number): boolean => (bits <= 32 ? bits === 0 || (w[0]! >>> (32 - bits)) === 0 : w[0] === 0 && (w[1]! >>> (64 - bits)) === 0);

for (const bits of [12, 16, 18]) {
  const times: number[] = [];
  for (let run = 0; run < 9; run++) {
    const challenge = new Guard({ powBits: bits }).challenge();
    const t0 = performance.now();
    let n = 0;
    while (!zero(sha(`${challenge}:${n}`), bits)) n++;
    times.push(performance.now() - t0);
    if (!solves(challenge, String(n), bits)) throw new Error('the browser and the server disagree');
  }
  console.log(`hashcash ${bits} bits: median ${median(times).toFixed(0)} ms (9 challenges; min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
}
const checks: number[] = [];
for (let i = 0; i < 1000; i++) {
  const c = new Guard({ powBits: 8 }).challenge();
  const t0 = performance.now();
  solves(c, '12345', 8);
  checks.push(performance.now() - t0);
}
console.log(`server check of a solution: median ${(median(checks) * 1000).toFixed(1)} µs`);
const kdf: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  await deriveKey('1234512345123451234512345', newSalt());
  kdf.push(performance.now() - t0);
}
console.log(`Argon2id (64 MiB, 3 passes): median ${median(kdf).toFixed(0)} ms (5 runs)`);
