export * from './formats/index.js';
export { INGEST_MEMORY_LIMIT_MB } from './ingest/batch-committer.js';
export { ingest, type IngestOptions, type IngestStats, type FileStats, type IngestProgress, type StoredUpTo } from './ingest/ingest.js';
export type { DetectorOptions } from './detectors.js';
export * from './origins/index.js';
export * from './campaigns/index.js';
export { detectBehaviour, LiveBehaviour, loadScenarios, BEHAVIOUR_RULES_DIR, type LivePass, type BehaviourStats, type BehaviourOptions, type EventScope, type Scenario } from './behaviour/index.js';
export { reasonInFrench } from './detect/index.js';
export { setAsideOwnResources, type SetAsideStats } from './site/index.js';
