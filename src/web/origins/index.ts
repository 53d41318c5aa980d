export { attributeClients, type AttributeClientsOptions, type AttributeClientsStats } from './attribute-clients.js';
export { attributeArrivals, type ArrivedLines } from './attribute-arrivals.js';
export { originFigures, type OriginFigures, type VerdictFigures, type CountryFigures } from './origin-figures.js';
