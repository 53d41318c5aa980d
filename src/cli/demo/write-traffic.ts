import { closeSync, openSync, writeSync } from 'node:fs';
import { generateTraffic, type TrafficOptions } from './traffic.js';

// Lines are gathered into ~1 MiB strings before each write: few syscalls, bounded memory.
const FLUSH_CHARS = 1 << 20;

/**
 * Writes a generated access log to a file and returns the number of lines written.
 *
 * @example
 * writeTrafficFile('/tmp/access.log', { lines: 1_000_000, seed: 2025 }); // 1000000
 */
export function writeTrafficFile(path: string, options: TrafficOptions = {}): number {
  const fd = openSync(path, 'w');
  let count = 0;
  try {
    let chunk: string[] = [];
    let size = 0;
    for (const line of generateTraffic(options)) {
      chunk.push(line);
      size += line.length + 1;
      count++;
      if (size >= FLUSH_CHARS) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
        size = 0;
      }
    }
    if (chunk.length > 0) writeSync(fd, chunk.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
  return count;
}
