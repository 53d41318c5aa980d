import type { Finding, RequestDetector } from '../../src/core/index.js';
import { requestToEvent, type RequestObject } from '../../src/web/detect/index.js';
import { createDetectors } from '../../src/web/detectors.js';

/** Findings of every per-request detector on one request object. */
export type ScanFn = (request: RequestObject) => Finding[];

/**
 * The per-request detectors `vigie web scan` runs (signatures and whatever `createDetectors`
 * assembles), as one function.
 */
export async function createScanner(): Promise<ScanFn> {
  const detectors: RequestDetector[] = await createDetectors({});
  return (request) => {
    const out: Finding[] = [];
    const event = requestToEvent(request);
    for (const d of detectors) d.inspect(event, { file: 'eval', line: 0 }, out);
    return out;
  };
}
