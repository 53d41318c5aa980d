// The few sodium-native (libsodium) functions vigie's tips module calls; the package ships no
// types of its own, and @types/sodium-native describes an older major version.
declare module 'sodium-native' {
  const sodium: {
    crypto_box_PUBLICKEYBYTES: number;
    crypto_box_SECRETKEYBYTES: number;
    crypto_box_SEALBYTES: number;
    crypto_secretbox_KEYBYTES: number;
    crypto_secretbox_NONCEBYTES: number;
    crypto_secretbox_MACBYTES: number;
    crypto_pwhash_SALTBYTES: number;
    crypto_pwhash_ALG_ARGON2ID13: number;
    crypto_generichash_BYTES: number;
    crypto_box_keypair(pk: Buffer, sk: Buffer): void;
    crypto_box_seal(c: Buffer, m: Buffer, pk: Buffer): void;
    crypto_box_seal_open(m: Buffer, c: Buffer, pk: Buffer, sk: Buffer): boolean;
    crypto_secretbox_easy(c: Buffer, m: Buffer, n: Buffer, k: Buffer): void;
    crypto_secretbox_open_easy(m: Buffer, c: Buffer, n: Buffer, k: Buffer): boolean;
    crypto_pwhash(out: Buffer, passwd: Buffer, salt: Buffer, opslimit: number, memlimit: number, alg: number): void;
    crypto_pwhash_async(out: Buffer, passwd: Buffer, salt: Buffer, opslimit: number, memlimit: number, alg: number): Promise<void>;
    crypto_generichash(out: Buffer, input: Buffer, key?: Buffer): void;
    crypto_scalarmult_base(q: Buffer, n: Buffer): void;
    randombytes_buf(buf: Buffer): void;
    randombytes_uniform(upper: number): number;
    sodium_memzero(buf: Buffer): void;
    sodium_memcmp(a: Buffer, b: Buffer): boolean;
  };
  export default sodium;
}
