import { createHmac } from 'node:crypto';
import { randomBytes, sameBytes } from './seal.js';

/**
 * TOTP (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits), the second factor of a recipient's
 * unlock. The secret is 160 bits, as GlobaLeaks uses; one step either side is accepted for a
 * clock that drifts, and a code once used is refused (as SecureDrop does).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

export function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** The `otpauth://` URI an authenticator app reads (as a QR code or pasted). */
export function otpauthUri(name: string, secret: Buffer): string {
  return `otpauth://totp/${encodeURIComponent(`vigie tips:${name}`)}?secret=${base32(secret)}&issuer=${encodeURIComponent('vigie tips')}&algorithm=SHA1&digits=6&period=30`;
}

/** The code for a time step. */
export function totpCode(secret: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const o = mac[mac.length - 1]! & 0x0f;
  const n = (mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

/** The time step of a moment. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 30_000);
}

/** The step `code` matches (now or one step either side), or null. */
export function verifyTotp(secret: Buffer, code: string, nowMs: number): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const step = totpStep(nowMs);
  for (const s of [step, step - 1, step + 1]) {
    if (sameBytes(Buffer.from(totpCode(secret, s)), Buffer.from(code))) return s;
  }
  return null;
}

/** The bytes of a base32 secret (as in an otpauth URI). */
export function fromBase32(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const i = ALPHABET.indexOf(c);
    if (i < 0) throw new Error(`not base32: ${c}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
