import type { RequestDetector } from '../core/index.js';
import { createRuleDetector, loadRules, WEB_RULES_DIR } from './detect/index.js';

/**
 * What configures the per-request detectors. Plain data: it is sent to every parsing worker,
 * which builds its own detectors from it.
 */
export interface DetectorOptions {
  /** Directory of YAML rules (default: the rules shipped in `rules/web`). */
  rulesDir?: string;
}

/** The per-request detectors, in the order they run. */
export async function createDetectors(options: DetectorOptions): Promise<RequestDetector[]> {
  return [createRuleDetector(loadRules(options.rulesDir ?? WEB_RULES_DIR))];
}
