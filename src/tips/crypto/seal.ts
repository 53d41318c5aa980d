import sodium from 'sodium-native';
import { VigieError } from '../../core/index.js';

/**
 * The tips module's cryptography, all libsodium (sodium-native), in the shape GlobaLeaks uses:
 * - every report has its own X25519 key pair; its content, messages and attachments are
 *   sealed (crypto_box_seal: X25519 + XSalsa20-Poly1305) to the report's public key, padded;
 * - the report's secret key is sealed to each recipient's public key, and put in a secretbox
 *   under a key derived from the reporter's receipt (Argon2id);
 * - a recipient's secret key is in a secretbox under a key derived from their passphrase
 *   (Argon2id). The server holds an unlocked key in memory only, for a signed-in session.
 */

/** An X25519 key pair. */
export interface KeyPair {
  publicKey: Buffer;
  secretKey: Buffer;
}

/** A fresh key pair. */
export function newKeyPair(): KeyPair {
  const publicKey = Buffer.alloc(sodium.crypto_box_PUBLICKEYBYTES);
  const secretKey = Buffer.alloc(sodium.crypto_box_SECRETKEYBYTES);
  sodium.crypto_box_keypair(publicKey, secretKey);
  return { publicKey, secretKey };
}

/** The public key of a secret key. */
export function publicKeyOf(secretKey: Buffer): Buffer {
  const pk = Buffer.alloc(sodium.crypto_box_PUBLICKEYBYTES);
  sodium.crypto_scalarmult_base(pk, secretKey);
  return pk;
}

/** Random bytes. */
export function randomBytes(n: number): Buffer {
  const b = Buffer.alloc(n);
  sodium.randombytes_buf(b);
  return b;
}

/**
 * The padded length of `n` bytes (Padmé: at most ~12% overhead, and a length says at most
 * O(log log n) bits), never below 1 KiB, so a short report and a long sentence look alike.
 */
export function paddedLength(n: number): number {
  const l = Math.max(n, 1024);
  const e = Math.floor(Math.log2(l));
  const s = Math.floor(Math.log2(e)) + 1;
  const mask = 2 ** (e - s) - 1;
  return Math.ceil((l + mask) / (mask + 1)) * (mask + 1);
}

/** `data` with a 4-byte length in front, zero-padded to `paddedLength`. */
export function pad(data: Buffer): Buffer {
  const out = Buffer.alloc(paddedLength(data.length + 4));
  out.writeUInt32BE(data.length, 0);
  data.copy(out, 4);
  return out;
}

/** The data inside `pad`'s output. */
export function unpad(padded: Buffer): Buffer {
  const n = padded.readUInt32BE(0);
  if (n > padded.length - 4) throw new VigieError('VIGIE_ERR_STORE', 'tips: a sealed record has a bad length; the database may be damaged');
  return padded.subarray(4, 4 + n);
}

/** Seal `data` (padded) to `publicKey`: only the matching secret key opens it. */
export function seal(data: Buffer, publicKey: Buffer): Buffer {
  const m = pad(data);
  const c = Buffer.alloc(m.length + sodium.crypto_box_SEALBYTES);
  sodium.crypto_box_seal(c, m, publicKey);
  sodium.sodium_memzero(m);
  return c;
}

/** Open what `seal` made; throws when the key is not the one it was sealed to. */
export function unseal(sealed: Buffer, keys: KeyPair): Buffer {
  if (sealed.length < sodium.crypto_box_SEALBYTES) throw new VigieError('VIGIE_ERR_TIPS_KEY', 'tips: this record cannot be opened with this key');
  const m = Buffer.alloc(sealed.length - sodium.crypto_box_SEALBYTES);
  if (!sodium.crypto_box_seal_open(m, sealed, keys.publicKey, keys.secretKey)) {
    throw new VigieError('VIGIE_ERR_TIPS_KEY', 'tips: this record cannot be opened with this key');
  }
  return unpad(m);
}

/** Seal a secret key (unpadded: keys are all one length) to a public key. */
export function sealKey(secretKey: Buffer, publicKey: Buffer): Buffer {
  const c = Buffer.alloc(secretKey.length + sodium.crypto_box_SEALBYTES);
  sodium.crypto_box_seal(c, secretKey, publicKey);
  return c;
}

/** Open a key sealed by `sealKey`. */
export function unsealKey(sealed: Buffer, keys: KeyPair): Buffer | null {
  if (sealed.length !== sodium.crypto_box_SECRETKEYBYTES + sodium.crypto_box_SEALBYTES) return null;
  const m = Buffer.alloc(sodium.crypto_box_SECRETKEYBYTES);
  return sodium.crypto_box_seal_open(m, sealed, keys.publicKey, keys.secretKey) ? m : null;
}

/** Encrypt `data` under a 32-byte key (XSalsa20-Poly1305); the nonce goes in front. */
export function lock(data: Buffer, key: Buffer): Buffer {
  const nonce = randomBytes(sodium.crypto_secretbox_NONCEBYTES);
  const c = Buffer.alloc(data.length + sodium.crypto_secretbox_MACBYTES);
  sodium.crypto_secretbox_easy(c, data, nonce, key);
  return Buffer.concat([nonce, c]);
}

/** Decrypt what `lock` made, or null when the key is wrong or the data altered. */
export function unlock(locked: Buffer, key: Buffer): Buffer | null {
  const nb = sodium.crypto_secretbox_NONCEBYTES;
  if (locked.length < nb + sodium.crypto_secretbox_MACBYTES) return null;
  const m = Buffer.alloc(locked.length - nb - sodium.crypto_secretbox_MACBYTES);
  return sodium.crypto_secretbox_open_easy(m, locked.subarray(nb), locked.subarray(0, nb), key) ? m : null;
}

/** Argon2id's cost: GlobaLeaks uses 128 MiB and 16 passes for logins; see README "tips: keys". */
export interface KdfCost {
  opslimit: number;
  memlimitBytes: number;
}

/** For passphrases and receipts: 64 MiB, 3 passes (~0.4 s on this project's test machine). */
export const KDF_COST: KdfCost = { opslimit: 3, memlimitBytes: 64 * 1024 * 1024 };

/** A fresh Argon2id salt. */
export function newSalt(): Buffer {
  return randomBytes(sodium.crypto_pwhash_SALTBYTES);
}

/** A 32-byte key from a secret the user holds (passphrase, receipt), off the event loop. */
export async function deriveKey(secret: string, salt: Buffer, cost: KdfCost = KDF_COST): Promise<Buffer> {
  const out = Buffer.alloc(32);
  await sodium.crypto_pwhash_async(out, Buffer.from(secret.normalize('NFC'), 'utf8'), salt, cost.opslimit, cost.memlimitBytes, sodium.crypto_pwhash_ALG_ARGON2ID13);
  return out;
}

/** BLAKE2b-256 of `parts`, domain-separated by `label`, optionally keyed. */
export function hash(label: string, parts: readonly (string | Buffer)[], key?: Buffer): Buffer {
  const out = Buffer.alloc(32);
  const input = Buffer.concat([Buffer.from(`${label}\0`), ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p))]);
  if (key) sodium.crypto_generichash(out, input, key);
  else sodium.crypto_generichash(out, input);
  return out;
}

/** Overwrite a buffer holding a secret. */
export function wipe(buf: Buffer | null | undefined): void {
  if (buf) sodium.sodium_memzero(buf);
}

/** Constant-time equality of two buffers of the same length. */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && sodium.sodium_memcmp(a, b);
}
