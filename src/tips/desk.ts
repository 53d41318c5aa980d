import { randomUUID } from 'node:crypto';
import { VigieError } from '../core/index.js';
import { newTotpSecret, otpauthUri, verifyTotp } from './crypto/totp.js';
import { deriveKey, lock, newKeyPair, newSalt, publicKeyOf, seal, unlock, unseal, unsealKey, wipe, type KeyPair } from './crypto/seal.js';
import { b64, conversation, openContent, unb64, type AttachmentMeta, type OpenedMessage, type ReportFields } from './intake.js';
import type { TipsRepository } from './repository.js';

/**
 * The team's side: recipients (a key pair behind a passphrase and a TOTP code), reading
 * reports with an unlocked key (cases are in cases.ts, re-sharing in share.ts). An administrator
 * who is not a recipient has no key and reads nothing.
 */

/** At least this long: a recipient's passphrase guards every report sealed to them. */
export const MIN_PASSPHRASE_CHARS = 12;

/** Create a recipient; returns the `otpauth://` URI of their second factor (shown once). */
export async function addRecipient(repo: TipsRepository, name: string, passphrase: string): Promise<{ otpauth: string }> {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new VigieError('VIGIE_ERR_USAGE', `tips recipient add: '${name}': use letters, digits, '.', '_' or '-' (the name of the vigie user who will read)`);
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) throw new VigieError('VIGIE_ERR_USAGE', `tips recipient add: the passphrase needs at least ${MIN_PASSPHRASE_CHARS} characters`);
  if (await repo.recipient(name)) throw new VigieError('VIGIE_ERR_USAGE', `tips recipient add: ${name} is already a recipient`);
  const keys = newKeyPair();
  const totp = newTotpSecret();
  const salt = newSalt();
  const key = await deriveKey(passphrase, salt);
  try {
    await repo.addRecipient({ name, public_key: b64(keys.publicKey), kdf_salt: b64(salt), locked_secret_key: b64(lock(keys.secretKey, key)), locked_totp: b64(lock(totp, key)) });
    return { otpauth: otpauthUri(name, totp) };
  } finally {
    wipe(keys.secretKey);
    wipe(key);
    wipe(totp);
  }
}

/**
 * A recipient's key pair, if the passphrase and the TOTP code are right (the code's step
 * is returned so it cannot be used twice). Null otherwise, whatever was wrong.
 */
export async function unlockRecipient(repo: TipsRepository, name: string, passphrase: string, code: string, nowMs: number): Promise<{ keys: KeyPair; step: number } | null> {
  const r = await repo.recipient(name);
  const key = await deriveKey(passphrase, r ? unb64(r.kdf_salt) : newSalt());
  try {
    if (!r) return null;
    const secretKey = unlock(unb64(r.locked_secret_key), key);
    const totp = unlock(unb64(r.locked_totp), key);
    if (!secretKey || !totp) return null;
    const step = verifyTotp(totp, code, nowMs);
    wipe(totp);
    if (step === null) {
      wipe(secretKey);
      return null;
    }
    return { keys: { secretKey, publicKey: publicKeyOf(secretKey) }, step };
  } finally {
    wipe(key);
  }
}

/** A report's key pair for a recipient, or a coded refusal when they hold none. */
export async function reportKeys(repo: TipsRepository, reportId: string, recipient: string, keys: KeyPair): Promise<KeyPair> {
  const sealed = await repo.reportKey(reportId, recipient);
  const sk = sealed ? unsealKey(unb64(sealed), keys) : null;
  if (!sk) throw new VigieError('VIGIE_ERR_TIPS_KEY', `${recipient} holds no key to this report (it arrived before they became a recipient)`);
  return { secretKey: sk, publicKey: publicKeyOf(sk) };
}

/** A report as a recipient reads it. */
export interface ReadReport {
  id: string;
  received: string;
  lang: string;
  status: string;
  fields: ReportFields;
  attachments: Array<AttachmentMeta & { n: number }>;
  messages: OpenedMessage[];
  /** The team's notes (translations, context), never shown to the reporter. */
  notes: Array<{ author: string; text: string; created_at: string }>;
}

/** Add a team note to a report (a translation, context): sealed to each recipient's own key. */
export async function addReportNote(repo: TipsRepository, reportId: string, author: string, text: string): Promise<boolean> {
  if (!await repo.report(reportId)) return false;
  const recipients = await repo.recipients();
  await repo.addReportNote(reportId, author, recipients.map((r) => ({ recipient: r.name, sealed: b64(seal(Buffer.from(text, 'utf8'), unb64(r.public_key))) })), randomUUID());
  return true;
}

export async function readReport(repo: TipsRepository, reportId: string, recipient: string, keys: KeyPair): Promise<ReadReport | null> {
  const report = await repo.report(reportId);
  if (!report) return null;
  const rk = await reportKeys(repo, reportId, recipient, keys);
  try {
    const attachments = (await repo.attachments(reportId)).map((a) => ({ n: a.n, ...(JSON.parse(unseal(unb64(a.sealed_meta), rk).toString('utf8')) as AttachmentMeta) }));
    const notes = (await repo.reportNotes(reportId, recipient)).map((n) => ({ author: n.author, text: unseal(unb64(n.sealed), keys).toString('utf8'), created_at: n.created_at }));
    return { id: report.id, received: report.received_at, lang: report.lang, status: report.status, fields: openContent(report, rk), attachments, messages: await conversation(repo, reportId, rk), notes };
  } finally {
    wipe(rk.secretKey);
  }
}

/** An attachment's original bytes and description, opened. */
export async function readAttachment(repo: TipsRepository, reportId: string, n: number, recipient: string, keys: KeyPair): Promise<{ meta: AttachmentMeta; bytes: Buffer } | null> {
  const row = await repo.attachmentData(reportId, n);
  if (!row) return null;
  const rk = await reportKeys(repo, reportId, recipient, keys);
  try {
    return { meta: JSON.parse(unseal(unb64(row.sealed_meta), rk).toString('utf8')) as AttachmentMeta, bytes: unseal(unb64(row.sealed_data), rk) };
  } finally {
    wipe(rk.secretKey);
  }
}
