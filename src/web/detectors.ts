import type { RequestDetector } from '../core/index.js';
import { createBaselineDetector } from './baseline/detector.js';
import { loadBaseline } from './baseline/model.js';
import { createRuleDetector, loadRules, WEB_RULES_DIR } from './detect/index.js';
import { SQLI_SPEC } from './detect/sqli/sqli-detector.js';
import { createValueDetector } from './detect/value-detector.js';
import { XSS_SPEC } from './detect/xss/xss-detector.js';

/**
 * What configures the per-request detectors. Plain data: it is sent to every parsing worker,
 * which builds its own detectors from it.
 */
export interface DetectorOptions {
  /** Directory of YAML rules (default: the rules shipped in `rules/web`). */
  rulesDir?: string;
  /** A baseline file (`vigie web learn`) whose anomalies are reported too; checked by the caller before the run. */
  baselinePath?: string;
}

/**
 * The per-request detectors, in the order they run: the YAML signature rules, then the SQL and
 * HTML/script tokenizers (rules `sqli-tokenizer`, `xss-tokenizer`), which share one pass over
 * the request's values, then the baseline when one is given.
 */
export async function createDetectors(options: DetectorOptions): Promise<RequestDetector[]> {
  const detectors = [
    createRuleDetector(loadRules(options.rulesDir ?? WEB_RULES_DIR)),
    createValueDetector('injection-tokenizers', [SQLI_SPEC, XSS_SPEC]),
  ];
  if (options.baselinePath !== undefined) detectors.push(createBaselineDetector(await loadBaseline(options.baselinePath)));
  return detectors;
}
