import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One printed page as a reader sees it: how much of it is ink, and its text line by line. */
export interface PrintedPage {
  /** 1-based. */
  number: number;
  /** Share of the pixel rows between the top and bottom margins that hold any ink (0..1). */
  fill: number;
  /** `pdftotext -layout` lines, blank ones dropped. */
  lines: string[];
}

/** Whether poppler-utils (`pdftoppm`, `pdftotext`) is installed (`.ci/run` installs it). */
export function hasPoppler(): boolean {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every page of a PDF as an image (poppler's `pdftoppm`, greyscale, 50 dpi) and as text
 * (`pdftotext -layout`). Fill is measured over the text area: the margins (in mm) are left out,
 * so a page holding only its footer reads 0.
 */
export function printedPages(pdfFile: string, margins = { topMm: 18, bottomMm: 20 }): PrintedPage[] {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-pages-'));
  try {
    execFileSync('pdftoppm', ['-r', '50', '-gray', pdfFile, join(dir, 'p')]);
    const images = readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort((a, b) => pageOf(a) - pageOf(b));
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f');
    return images.map((f, i) => ({
      number: i + 1,
      fill: inkedRowShare(readFileSync(join(dir, f)), margins),
      lines: (text[i] ?? '').split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== ''),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pageOf = (file: string): number => Number(/-(\d+)\.pgm$/.exec(file)?.[1] ?? 0);

/** Share of pixel rows, inside the margins, with at least one pixel darker than near-white. */
function inkedRowShare(pgm: Buffer, margins: { topMm: number; bottomMm: number }): number {
  // Binary PGM (P5): magic, width, height, max value, one whitespace, then the pixels.
  const header = /^P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 100).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const mm = height / 297;
  const top = Math.ceil(margins.topMm * mm);
  const bottom = Math.floor(height - margins.bottomMm * mm);
  let inked = 0;
  for (let y = top; y < bottom; y++) {
    const row = pixels.subarray(y * width, (y + 1) * width);
    if (row.some((v) => v < 235)) inked++;
  }
  return inked / (bottom - top);
}
