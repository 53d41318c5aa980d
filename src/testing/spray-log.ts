import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Address spaces a spray draws one address per line from. */
export type SprayKind = 'ipv6' | 'ipv4';

/**
 * The address of line `i` of a spray: every line a distinct address, either all in one IPv6 /64
 * (`2a02:6b8:0:1::/64`, one attacker rotating through its prefix) or spread over IPv4 space.
 */
export function sprayAddress(kind: SprayKind, i: number): string {
  if (kind === 'ipv6') {
    const hi = Math.floor(i / 0x10000);
    return `2a02:6b8:0:1::${hi.toString(16)}:${(i % 0x10000).toString(16)}`;
  }
  // 11.0.0.0 upwards: public unicast, one address per line, never 0 or 255 in the last byte.
  const n = 0x0b000000 + Math.floor(i / 250) * 256 + (i % 250) + 1;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/**
 * Writes a combined-format access log of `lines` lines, each from a distinct address (see
 * {@link sprayAddress}), one second apart from 2026-11-01: mostly ordinary pages, every 20th
 * line a SQL injection, every 7th a probe of a sensitive file (a 404), so request, client and
 * campaign findings all exist. Deterministic: the same arguments write the same bytes.
 *
 * @example
 * await writeSprayLog('/tmp/spray.log', 'ipv6', 2_000_000);
 */
export async function writeSprayLog(path: string, kind: SprayKind, lines: number): Promise<void> {
  const out = createWriteStream(path);
  const start = Date.UTC(2026, 10, 1);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  let chunk = '';
  for (let i = 0; i < lines; i++) {
    const d = new Date(start + i * 1000);
    const p = (n: number): string => String(n).padStart(2, '0');
    const ts = `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
    let request = `GET /page/${i % 500} HTTP/1.1`;
    let status = 200;
    if (i % 20 === 0) request = `GET /search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--%20${i % 97} HTTP/1.1`;
    else if (i % 7 === 0) { request = `GET /.env HTTP/1.1`; status = 404; }
    chunk += `${sprayAddress(kind, i)} - - [${ts}] "${request}" ${status} 512 "-" "sprayer/1.0"\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
