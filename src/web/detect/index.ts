export { createRuleDetector } from './rule-engine.js';
export { loadRules, parseRuleFile } from './load-rules.js';
export { normalise, needsDecoding, type PartKind } from './normalise.js';
export { ruleSchema, RULE_TARGETS, WEB_ATTACK_CLASSES, type RuleTarget, type WebRule } from './rule-schema.js';
export { WEB_RULES_DIR } from './rules-dir.js';
export { requestToEvent, requestVerdict, scanRequest, type RequestObject, type RequestVerdict } from './scan-request.js';
export { LiteralAutomaton } from './literal-automaton.js';
