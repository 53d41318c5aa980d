import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { FileRanges, MemoryRanges } from './sorted-ranges.js';

/** Starts 0, 7, 14, ... (`count` of them, `w` words each, the last word varying) and values 1000 + i. */
function ranges(count: number, w: number): { starts: Uint32Array; values: Uint32Array } {
  const starts = new Uint32Array(count * w);
  for (let i = 0; i < count; i++) starts[i * w + w - 1] = i * 7;
  return { starts, values: Uint32Array.from({ length: count }, (_, i) => 1000 + i) };
}

test('ranges read from disk block by block answer as the same ranges in memory, across block edges', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-ranges-'));
  try {
    for (const w of [1, 2]) {
      // 600 starts: two full blocks of 256 and a partial one; 16 bytes of something before them.
      const { starts, values } = ranges(600, w);
      const file = join(dir, `r${w}.bin`);
      writeFileSync(file, Buffer.concat([Buffer.alloc(16, 0xee), Buffer.from(starts.buffer), Buffer.from(values.buffer)]));
      const fd = openSync(file, 'r');
      try {
        const disk = new FileRanges(fd, 16, 16 + starts.byteLength, 600, w);
        const memory = new MemoryRanges(starts, values, w);
        const key = new Uint32Array(w);
        for (const at of [0, 1, 6, 7, 8, 255 * 7, 255 * 7 + 3, 256 * 7, 256 * 7 - 1, 512 * 7, 599 * 7, 599 * 7 + 100, 5000]) {
          key[w - 1] = at;
          const i = disk.lastAtOrBelow(key);
          assert.equal(i, memory.lastAtOrBelow(key), `w=${w} key ${at}`);
          assert.equal(i, Math.min(Math.floor(at / 7), 599), `w=${w} key ${at}: the last start at or below`);
          assert.equal(disk.value(i), 1000 + i);
        }
        // Below the first start there is no range.
        if (w === 2) {
          const { starts: high } = { starts: Uint32Array.from(starts, (x, k) => (k % 2 === 0 ? 1 : x)) };
          const above = new MemoryRanges(high, values, 2);
          assert.equal(above.lastAtOrBelow(Uint32Array.of(0, 5)), -1);
        }
      } finally {
        closeSync(fd);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
