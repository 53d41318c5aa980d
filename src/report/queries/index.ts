/**
 * The read model: every figure the dashboard, `vigie report` and the exports show comes from
 * these queries, so they cannot disagree with each other.
 */
export * from './range.js';
export * from './overview.js';
export * from './timeseries.js';
export * from './geography.js';
export * from './campaigns.js';
export * from './findings.js';
export * from './attackers.js';
export * from './period-figures.js';
