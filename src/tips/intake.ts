import { randomUUID } from 'node:crypto';
import { VigieError } from '../core/index.js';
import { normaliseReceipt, newReceipt, receiptLookup } from './crypto/receipt.js';
import { deriveKey, lock, newKeyPair, newSalt, publicKeyOf, seal, sealKey, unlock, unseal, wipe, type KeyPair } from './crypto/seal.js';
import { photoMetadata, sniff, type AttachmentKind } from './attachments.js';
import type { ReportRow, TipsRepository } from './repository.js';

/** What a reporter filled in. Everything here is sealed before it is stored. */
export interface ReportFields {
  what: string;
  when: string;
  where: string;
  who: string;
  contact: string;
}

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/** What a report's sealed content holds (the fields and the language the reporter used). */
interface SealedContent extends ReportFields {
  v: 1;
}

/** A sealed attachment's description (name, kind, size, photo metadata), sealed apart from its bytes. */
export interface AttachmentMeta {
  name: string;
  kind: AttachmentKind;
  bytes: number;
  exif: boolean;
  gps: boolean;
}

export type IntakeError = 'file_type' | 'closed';

/** A refusal a reporter is told about in their language (`site/text.ts`). */
export class IntakeRefusal extends Error {
  readonly reason: IntakeError;
  constructor(reason: IntakeError) {
    super(reason);
    this.reason = reason;
  }
}

/**
 * Receive a report: check the files, give it a key pair, seal the content and each file
 * (name and bytes apart) to it, seal its secret key to every recipient and to a key derived
 * from a new receipt, then store it. Returns the receipt, which is never stored.
 */
export async function receiveReport(repo: TipsRepository, lang: string, fields: ReportFields, files: readonly UploadedFile[]): Promise<{ id: string; receipt: string; photoLocation: boolean }> {
  const recipients = await repo.recipients();
  if (recipients.length === 0) throw new IntakeRefusal('closed');
  const metas: AttachmentMeta[] = files.map((f) => {
    const kind = sniff(f.bytes);
    if (!kind) throw new IntakeRefusal('file_type');
    return { name: cleanName(f.name), kind, bytes: f.bytes.length, ...photoMetadata(f.bytes, kind) };
  });
  const keys = newKeyPair();
  const receipt = newReceipt();
  const salt = newSalt();
  const receiptKey = await deriveKey(receipt, salt);
  try {
    const content: SealedContent = { v: 1, ...fields };
    const id = randomUUID();
    await repo.addReport({
      id, lang,
      public_key: b64(keys.publicKey),
      content: b64(seal(Buffer.from(JSON.stringify(content), 'utf8'), keys.publicKey)),
      receipt_lookup: receiptLookup(receipt),
      receipt_salt: b64(salt),
      receipt_locked_key: b64(lock(keys.secretKey, receiptKey)),
      attachments: files.length,
      photo_location: metas.some((m) => m.gps),
      keys: recipients.map((r) => ({ recipient: r.name, sealed_key: b64(sealKeyTo(keys.secretKey, r.public_key)) })),
      files: files.map((f, n) => ({
        id: randomUUID(), n,
        sealed_meta: b64(seal(Buffer.from(JSON.stringify(metas[n]), 'utf8'), keys.publicKey)),
        sealed_data: b64(seal(f.bytes, keys.publicKey)),
      })),
    });
    return { id, receipt, photoLocation: metas.some((m) => m.gps) };
  } finally {
    wipe(keys.secretKey);
    wipe(receiptKey);
  }
}

/** A report opened with its receipt: the row and its key pair (held for the follow-up session only). */
export interface OpenedReport {
  report: ReportRow;
  keys: KeyPair;
}

const DUMMY_SALT = newSalt();

/**
 * The report a typed receipt opens, or null. A malformed, unknown or wrong receipt costs the
 * same Argon2id derivation and gives the same null, so none tells which it was.
 */
export async function openWithReceipt(repo: TipsRepository, typed: string): Promise<OpenedReport | null> {
  const digits = normaliseReceipt(typed);
  const report = digits ? await repo.reportByReceipt(receiptLookup(digits)) : null;
  const key = await deriveKey(digits ?? typed.slice(0, 64), report ? unb64(report.receipt_salt) : DUMMY_SALT);
  try {
    if (!report) return null;
    const secretKey = unlock(unb64(report.receipt_locked_key), key);
    if (!secretKey) return null;
    return { report, keys: { secretKey, publicKey: publicKeyOf(secretKey) } };
  } finally {
    wipe(key);
  }
}

/** A message in a report's conversation, opened. */
export interface OpenedMessage {
  id: string;
  from: 'reporter' | 'team';
  author: string;
  text: string;
  created_at: string;
}

/** The report's conversation, opened with the report's key. */
export async function conversation(repo: TipsRepository, reportId: string, keys: KeyPair): Promise<OpenedMessage[]> {
  return (await repo.messages(reportId)).map((m) => {
    const text = unseal(unb64(m.sealed), keys).toString('utf8');
    return { id: m.id, from: m.author === 'reporter' ? 'reporter' : 'team', author: m.author, text, created_at: m.created_at };
  });
}

/** Add a message to a report's conversation, sealed to the report's public key. */
export async function addMessage(repo: TipsRepository, report: Pick<ReportRow, 'id' | 'public_key'>, author: string, text: string): Promise<void> {
  await repo.addMessage({ id: randomUUID(), report_id: report.id, author, sealed: b64(seal(Buffer.from(text, 'utf8'), unb64(report.public_key))) });
}

/** The fields of a report, opened. */
export function openContent(report: ReportRow, keys: KeyPair): ReportFields {
  const c = JSON.parse(unseal(unb64(report.content), keys).toString('utf8')) as SealedContent;
  return { what: c.what, when: c.when, where: c.where, who: c.who, contact: c.contact };
}

function sealKeyTo(secretKey: Buffer, publicKeyB64: string): Buffer {
  // Keys are one fixed length: sealed without padding.
  return sealKey(secretKey, unb64(publicKeyB64));
}

/** A file name as a person would read it: no path, no control characters, at most 200 characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').slice(0, 200);
  return clean || 'file';
}

export const b64 = (b: Buffer): string => b.toString('base64');
export const unb64 = (s: string): Buffer => {
  if (typeof s !== 'string') throw new VigieError('VIGIE_ERR_STORE', 'tips: a sealed value is missing');
  return Buffer.from(s, 'base64');
};
