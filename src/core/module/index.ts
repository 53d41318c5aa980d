/**
 * The module seam: what a module (`web`, `geo`, `finance`, `influence`, `tips`) declares and
 * what it is given. Modules import this; entry points (`cli`, `server`) loop over the
 * registry of descriptors.
 */
export * from './text.js';
export * from './finding.js';
export * from './sql.js';
export * from './config.js';
export * from './command.js';
export * from './document.js';
export * from './http.js';
export * from './descriptor.js';
