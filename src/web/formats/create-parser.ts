import { createAlbParser } from './alb.js';
import { createCloudFrontParser } from './cloudfront.js';
import { createCombinedParser, createCommonParser } from './combined.js';
import { createJsonParser } from './json.js';
import type { LineParser, LogFormat } from './types.js';
import { createW3cParser } from './w3c.js';

const FACTORIES: Record<LogFormat, () => LineParser> = {
  combined: createCombinedParser,
  common: createCommonParser,
  json: createJsonParser,
  w3c: createW3cParser,
  alb: createAlbParser,
  cloudfront: createCloudFrontParser,
};

/**
 * A fresh parser for one file in `format` (W3C and CloudFront parsers keep the file's
 * `#Fields:` state, so never share one between files).
 *
 * @example
 * const parser = createParser('combined');
 * const event = emptyEvent();
 * parser.parse(line, event); // '' when `event` now holds the request
 */
export function createParser(format: LogFormat): LineParser {
  return FACTORIES[format]();
}
