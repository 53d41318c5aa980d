/**
 * What a reporter may attach, told by the file's first bytes (never by its name or the type
 * the browser claims), and whether a photo carries metadata worth a warning. The original is
 * kept as sent, sealed: metadata is part of the evidence (GlobaLeaks keeps it too), and only
 * the team can read it.
 */
export type AttachmentKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'heic' | 'pdf' | 'text';

export const ATTACHMENT_LIMITS = { maxFileBytes: 10 * 1024 * 1024, maxFiles: 5, maxTotalBytes: 30 * 1024 * 1024 } as const;

const MEDIA_TYPES: Record<AttachmentKind, string> = {
  jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic', pdf: 'application/pdf', text: 'text/plain; charset=utf-8',
};

export function mediaTypeOf(kind: AttachmentKind): string {
  return MEDIA_TYPES[kind];
}

/** The kind of a file from its bytes, or null when it is none of the accepted kinds. */
export function sniff(bytes: Buffer): AttachmentKind | null {
  const starts = (sig: number[], at = 0): boolean => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a') return 'gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|mif1|msf1|heif)$/.test(bytes.subarray(8, 12).toString('latin1'))) return 'heic';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.length > 0 && isPlainText(bytes)) return 'text';
  return null;
}

/** Valid UTF-8 without NUL or other control characters but tab and line ends. */
function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}

/** What a photo says about where and how it was taken, as far as vigie checks (JPEG Exif). */
export interface PhotoMetadata {
  exif: boolean;
  gps: boolean;
}

/**
 * Whether a JPEG has an Exif segment and a GPS block in it (tag 0x8825 in the first IFD).
 * Read by walking the JPEG's segments up to the image data; other kinds report none.
 */
export function photoMetadata(bytes: Buffer, kind: AttachmentKind): PhotoMetadata {
  const none = { exif: false, gps: false };
  if (kind !== 'jpeg') return none;
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda || marker === 0xd9) break;
    const len = bytes.readUInt16BE(at + 2);
    if (marker === 0xe1 && bytes.subarray(at + 4, at + 10).toString('latin1') === 'Exif\0\0') {
      const tiff = bytes.subarray(at + 10, at + 2 + len);
      return { exif: true, gps: hasGpsTag(tiff) };
    }
    at += 2 + len;
  }
  return none;
}

function hasGpsTag(tiff: Buffer): boolean {
  if (tiff.length < 8) return false;
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number): number => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number): number => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return false;
  const n = u16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > tiff.length) return false;
    if (u16(e) === 0x8825) return true;
  }
  return false;
}
