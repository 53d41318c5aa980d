export { financeModule } from './module.js';
export { scanContributions, type ScanResult, type RankedRecipient, type AlertOut } from './scan.js';
export { resolveContributors, type Resolution, type Entity } from './resolve/resolve.js';
export { importFiles, type ImportSummary } from './import.js';
export type { Contribution } from './model.js';
