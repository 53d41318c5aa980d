import sodium from 'sodium-native';
import { hash } from './seal.js';

/**
 * A reporter's receipt: 25 random digits (log2(10^25) = 83 bits, over the 80 asked for),
 * shown in five groups of five. Digits are the same on every keyboard and every input method
 * (a Chinese IME types them directly), as GlobaLeaks' receipts are.
 */
export const RECEIPT_DIGITS = 25;

export function newReceipt(): string {
  let s = '';
  for (let i = 0; i < RECEIPT_DIGITS; i++) s += String(sodium.randombytes_uniform(10));
  return s;
}

/** The receipt as shown: `12345 67890 …`. */
export function formatReceipt(digits: string): string {
  return digits.replace(/(\d{5})(?=\d)/g, '$1 ');
}

/**
 * What may sit between a receipt's digits as typed: any space (the ideographic space a Chinese
 * IME types in full-width mode is one), hyphens and dashes (`-`, `‐`, `‑`, `‒`, `–`, `—`, `―`,
 * `−`, and `－`, which NFKC has already folded to `-`), the katakana-hiragana long mark `ー`
 * some IMEs give for the dash key, and dots (`.`, `·`, `・`) some people group digits with.
 */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212\u30fc.\u00b7\u30fb]/g;

/**
 * The digits of a receipt as typed, or null when it is not 25 digits. NFKC first, so the
 * full-width digits a Chinese or Japanese IME types (`１２３４５`) are the ASCII ones; then the
 * separators above go. Nothing else is accepted: a letter or a 24th or 26th digit is a typo
 * the reporter must see, not something to guess around.
 */
export function normaliseReceipt(typed: string): string | null {
  const digits = typed.slice(0, 200).normalize('NFKC').replace(SEPARATORS, '');
  return new RegExp(`^[0-9]{${RECEIPT_DIGITS}}$`).test(digits) ? digits : null;
}

/**
 * Where a receipt's report is found: a BLAKE2b hash of the digits. A fast hash is enough here
 * because guessing 83 bits is out of reach; the key that opens the report is Argon2id's.
 */
export function receiptLookup(digits: string): string {
  return hash('vigie-tips-receipt-lookup', [digits]).toString('hex');
}
