import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { ATTACHMENT_LIMITS } from '../attachments.js';
import type { UploadedFile } from '../intake.js';
import type { ReportError } from './text.js';

/** A form as posted: its text fields (first value of each) and its files, in memory only. */
export interface FormBody {
  fields: Record<string, string>;
  files: UploadedFile[];
}

/** A form the server refuses, with the reason the reporter is told. */
export class FormRefusal extends Error {
  readonly reason: ReportError;
  readonly status: number;
  constructor(reason: ReportError, status = 400) {
    super(reason);
    this.reason = reason;
    this.status = status;
  }
}

/** Text fields of the forms (names and longest values, in characters). */
export const FIELD_LIMITS: Readonly<Record<string, number>> = {
  what: 20_000, when: 500, where: 500, who: 2000, contact: 500, challenge: 100, pow: 20, receipt: 200, session: 100, text: 20_000,
};

/** The largest urlencoded body (the follow-up forms): text only. */
export const URLENCODED_MAX_BYTES = 256 * 1024;

/**
 * Parse a multipart/form-data body into memory, never onto disk (a temporary file would hold
 * the plaintext): at most `maxFiles` files of `maxFileBytes`, `maxTotalBytes` in all, only the
 * known fields, each valid UTF-8. A part that is itself multipart, or any other surprise, is a
 * refusal with a reason, and nothing of the body is kept.
 */
export function parseMultipart(stream: Readable, headers: Record<string, string | string[] | undefined>): Promise<FormBody> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: headers as busboy.BusboyConfig['headers'],
        limits: { fields: 20, fieldSize: 64 * 1024, files: ATTACHMENT_LIMITS.maxFiles, fileSize: ATTACHMENT_LIMITS.maxFileBytes, parts: 30, headerPairs: 20, fieldNameSize: 50 },
        defParamCharset: 'utf8',
      });
    } catch {
      reject(new FormRefusal('invalid'));
      return;
    }
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    let total = 0;
    let failed: FormRefusal | null = null;
    const fail = (reason: ReportError, status = 400): void => {
      if (failed) return;
      failed = new FormRefusal(reason, status);
      stream.unpipe(bb);
      stream.resume();
      reject(failed);
    };
    bb.on('field', (name, value, info) => {
      const max = FIELD_LIMITS[name];
      if (max === undefined) return fail('invalid');
      if (info.valueTruncated || [...value].length > max) return fail('too_long', 413);
      if (value.includes('\uFFFD')) return fail('encoding');
      if (!(name in fields)) fields[name] = value;
    });
    bb.on('file', (name, file, info) => {
      if (name !== 'files') {
        file.resume();
        return fail('invalid');
      }
      if (/^multipart\//i.test(info.mimeType)) {
        file.resume();
        return fail('file_type');
      }
      const chunks: Buffer[] = [];
      let size = 0;
      file.on('data', (c: Buffer) => {
        size += c.length;
        total += c.length;
        if (total > ATTACHMENT_LIMITS.maxTotalBytes) fail('too_large', 413);
        else chunks.push(c);
      });
      file.on('limit', () => fail('too_large', 413));
      file.on('close', () => {
        if (failed) return;
        // A file input left empty still sends an empty part with no name.
        if (size === 0 && !info.filename) return;
        if (size === 0) return fail('file_type');
        files.push({ name: info.filename ?? 'file', bytes: Buffer.concat(chunks) });
      });
    });
    bb.on('filesLimit', () => fail('too_many_files', 413));
    bb.on('fieldsLimit', () => fail('invalid'));
    bb.on('partsLimit', () => fail('invalid'));
    bb.on('error', () => fail('invalid'));
    bb.on('close', () => {
      if (!failed) resolve({ fields, files });
    });
    stream.on('error', () => fail('invalid'));
    stream.pipe(bb);
  });
}

/** Parse an application/x-www-form-urlencoded body (the follow-up forms). */
export function parseUrlencoded(body: Buffer): FormBody {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    const max = FIELD_LIMITS[name];
    if (max === undefined) throw new FormRefusal('invalid');
    if (value.includes('\uFFFD')) throw new FormRefusal('encoding');
    if ([...value].length > max) throw new FormRefusal('too_long', 413);
    if (!(name in fields)) fields[name] = value;
  }
  return { fields, files: [] };
}
