export * from './formats/index.js';
export { ingest, type IngestOptions, type IngestStats, type FileStats, type IngestProgress } from './ingest/ingest.js';
export type { DetectorOptions } from './detectors.js';
