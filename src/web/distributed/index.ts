export { detectDistributed, type SiteFindingWithClients } from './detect-distributed.js';
export type { SiteFinding, SiteFindingClass } from './site-finding.js';
export { SITE_TEXT } from './text.js';
