/**
 * The learned per-site baseline: `learnBaseline` builds a positive model of a site's normal
 * traffic (endpoints, methods, and per parameter its type, lengths, characters and value
 * sets), `saveBaseline` / `loadBaseline` keep it as versioned JSON, and
 * `createBaselineDetector` reports requests that leave it as `anomaly` findings.
 */
export { learnBaseline, type LearnItem, type LearnOptions, type LearnResult } from './learn.js';
export { BaselineLearner, DEFAULT_LIMITS, DEFAULT_SETTINGS, type LearnLimits, type TrainingFigures } from './learner.js';
export { loadBaseline, parseBaseline, saveBaseline, BASELINE_VERSION, type BaselineModel, type EndpointModel, type ParamModel, type PathModel } from './model.js';
export { createBaselineDetector } from './detector.js';
export { readLogItems, readRequestItems, newReadStats, type ReadStats } from './read-inputs.js';
export { learnWarmupFromStore, type WarmupResult } from './warmup.js';
