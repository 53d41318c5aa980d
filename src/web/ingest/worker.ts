import { parentPort, workerData } from 'node:worker_threads';
import { createDetectors } from '../detectors.js';
import { RowEncoder } from '../../store/index.js';
import { createParser } from '../formats/index.js';
import type { LogFormat } from '../formats/types.js';
import { parseChunk, type ChunkTask } from './parse-chunk.js';
import type { WorkerSetup } from './worker-pool.js';

// Worker thread entry: builds the detectors once, then parses chunks as they arrive.
const setup = workerData as WorkerSetup;
const detectors = await createDetectors(setup.detectors);
const encoder = new RowEncoder(setup.firstStringId);

parentPort!.on('message', ({ task, format }: { task: ChunkTask; format: LogFormat }) => {
  try {
    const result = parseChunk(task, { parser: createParser(format), detectors, encoder, trustProxyHops: setup.trustProxyHops });
    const transfer = [result.events.buffer as ArrayBuffer, result.findings.buffer as ArrayBuffer, result.strings.buffer as ArrayBuffer].filter((b, i, all) => b.byteLength > 0 && all.indexOf(b) === i);
    parentPort!.postMessage({ ok: true, result }, transfer);
  } catch (err) {
    parentPort!.postMessage({ ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});
