export { analyzeLogs, defaultWorkers, type AnalyzeOptions } from './analyze-logs.js';
export { liveAnalysis } from './live-analysis.js';
export type { AnalyzeSummary, GeoDataSummary } from './summary.js';
