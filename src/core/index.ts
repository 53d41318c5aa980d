export * from './event.js';
export * from './finding.js';
export * from './detector.js';
export * from './errors.js';
export * from './ip.js';
export * from './counters.js';
export * from './attribution.js';
export * from './detach.js';
