export { estimateOperator, MIN_CONFIDENCE, type OperatorAddress, type OperatorEstimate, type OperatorEvidence, type OperatorInput, type OperatorVerdict } from './estimate-operator.js';
export { OPERATOR_TEXT } from './text.js';
export { countriesKeeping, zoneOffsetHours } from './zone-offsets.js';
