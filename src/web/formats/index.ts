/**
 * Access-log formats: one parser per format, `createParser` to pick one, `detectFormat` to
 * guess it from a file's first lines.
 */
export { LOG_FORMATS, SKIP, type LineParser, type LogFormat } from './types.js';
export { createParser } from './create-parser.js';
export { createAlbParser } from './alb.js';
export { createCloudFrontParser } from './cloudfront.js';
export { createCombinedParser, createCommonParser } from './combined.js';
export { createJsonParser } from './json.js';
export { createW3cParser } from './w3c.js';
export { detectFormat } from './detect-format.js';
export { parseClfTime, parseIsoTime } from './time.js';
