export { detectBehaviour, type BehaviourOptions, type BehaviourStats } from './detect-behaviour.js';
export { BEHAVIOUR_RULES_DIR, loadScenarios, parseScenarioFile } from './load-scenarios.js';
export { scenarioSchema, BEHAVIOUR_CLASSES, type Scenario, type BehaviourClass } from './scenario-schema.js';
export type { EventScope } from '../repository/behaviour-sql.js';
export { LiveBehaviour, type LiveBehaviourOptions, type LivePass } from './live.js';
