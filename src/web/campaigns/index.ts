export type { Campaign, ClientOrigin } from './campaign.js';
export { findCampaigns, MIN_SINGLE_CLIENT_REQUESTS, type CampaignResult } from './find-campaigns.js';
export { estimateUtcOffset, type UtcOffsetEstimate } from './utc-offset.js';
export { clusterClients, type ClientGroup } from './cluster.js';
export { LINK_THRESHOLDS, SIMILARITY_WEIGHTS } from './link-clients.js';
export { countriesKeeping, estimateOperator, zoneOffsetHours, type OperatorEstimate, type OperatorEvidence, type OperatorVerdict } from './operator/index.js';
