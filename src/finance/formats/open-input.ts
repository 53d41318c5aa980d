import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { createGunzip, createInflateRaw } from 'node:zlib';
import { pipeline, type Readable } from 'node:stream';
import { VigieError } from '../../core/index.js';

/**
 * One stream of CSV bytes to import: a plain file, a `.gz`, or one entry of a `.zip` (the
 * real Elections Canada file is a 3 GB CSV inside a zip), with what identifies its content
 * (so the same content imported twice, under any name, is stored once).
 */
export interface InputPart {
  /** How rows cite it: the file's name, `archive.zip/inner.csv` for a zip entry. */
  name: string;
  /** Compressed or plain bytes on disk, for the progress bar. */
  bytesTotal: number;
  /** Size, and hashes of the ends (or the zip/gzip CRC): cheap and content-bound. */
  fingerprint: string;
  open(): Readable;
  /** Bytes read from disk so far (progress). */
  bytesRead(): number;
  /**
   * The file on disk when it can be read as it is (a plain or gzip file, not a zip entry), for
   * DuckDB's own CSV reader.
   */
  disk?: { path: string; gzip: boolean };
}

const MIB = 1 << 20;

/** The parts of a path: one for a plain or gzip file, one per `.csv`/`.txt` entry of a zip. */
export async function inputParts(path: string): Promise<InputPart[]> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new VigieError('VIGIE_ERR_FILE_UNREADABLE', `${path}: not a file`);
    size = s.size;
  } catch (err) {
    if (err instanceof VigieError) throw err;
    throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `${path}: no such file; check the path`);
  }
  const head = await readRange(path, 0, Math.min(size, MIB));
  if (head[0] === 0x50 && head[1] === 0x4b) return zipParts(path, size);
  const tail = await readRange(path, Math.max(0, size - MIB), Math.min(size, MIB));
  const fingerprint = `${size}:${createHash('sha256').update(head).update(tail).digest('hex').slice(0, 32)}`;
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  let read = 0;
  return [{
    name: basename(path),
    bytesTotal: size,
    fingerprint,
    bytesRead: () => read,
    disk: { path, gzip: gz },
    open: () => {
      const raw = createReadStream(path, { highWaterMark: MIB });
      raw.on('data', (b) => { read += b.length; });
      return gz ? pipeline(raw, createGunzip(), () => undefined) : raw;
    },
  }];
}

async function readRange(path: string, start: number, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, start);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

interface ZipEntry { name: string; method: number; crc: number; compressed: number; size: number; localOffset: number }

/** Entries of a zip from its central directory (ZIP64 sizes and offsets read too). */
async function zipParts(path: string, size: number): Promise<InputPart[]> {
  const tailLen = Math.min(size, 65_557 + 20);
  const tail = await readRange(path, size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) throw new VigieError('VIGIE_ERR_FILE_UNREADABLE', `${path}: not a readable zip (no end of central directory); re-download it`);
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff) {
    const loc = eocd - 20;
    if (loc >= 0 && tail.readUInt32LE(loc) === 0x07064b50) {
      const z64 = await readRange(path, Number(tail.readBigUInt64LE(loc + 8)), 56);
      count = Number(z64.readBigUInt64LE(32));
      cdSize = Number(z64.readBigUInt64LE(40));
      cdOffset = Number(z64.readBigUInt64LE(48));
    }
  }
  const cd = await readRange(path, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  for (let p = 0, k = 0; k < count && p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50; k++) {
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const e: ZipEntry = {
      name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      method: cd.readUInt16LE(p + 10),
      crc: cd.readUInt32LE(p + 16),
      compressed: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
    };
    // ZIP64 extra field: the 0xffffffff values, in order, as 8-byte numbers.
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen;) {
      const id = cd.readUInt16LE(x);
      const len = cd.readUInt16LE(x + 2);
      if (id === 1) {
        let y = x + 4;
        if (e.size === 0xffffffff) { e.size = Number(cd.readBigUInt64LE(y)); y += 8; }
        if (e.compressed === 0xffffffff) { e.compressed = Number(cd.readBigUInt64LE(y)); y += 8; }
        if (e.localOffset === 0xffffffff) { e.localOffset = Number(cd.readBigUInt64LE(y)); }
      }
      x += 4 + len;
    }
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  const wanted = entries.filter((e) => !e.name.endsWith('/') && /\.(csv|txt|tsv)$/i.test(e.name));
  if (wanted.length === 0) throw new VigieError('VIGIE_ERR_FILE_UNREADABLE', `${path}: the zip holds no .csv file`);
  const parts: InputPart[] = [];
  for (const e of wanted) {
    if (e.method !== 0 && e.method !== 8) throw new VigieError('VIGIE_ERR_FILE_UNREADABLE', `${path}: ${e.name} uses zip method ${e.method}; unzip it and import the CSV`);
    const local = await readRange(path, e.localOffset, 30);
    const dataStart = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    let read = 0;
    parts.push({
      name: `${basename(path)}/${e.name}`,
      bytesTotal: e.compressed,
      fingerprint: `${e.size}:crc${e.crc.toString(16)}:${e.compressed}`,
      bytesRead: () => read,
      open: () => {
        const raw = createReadStream(path, { start: dataStart, end: dataStart + e.compressed - 1, highWaterMark: MIB });
        raw.on('data', (b) => { read += b.length; });
        return e.method === 8 ? pipeline(raw, createInflateRaw(), () => undefined) : raw;
      },
    });
  }
  return parts;
}
