export { attributeClients, type AttributeClientsOptions, type AttributeClientsStats } from './attribute-clients.js';
export { originFigures, type OriginFigures, type VerdictFigures, type CountryFigures } from './origin-figures.js';
