export { setAsideOwnResources, folderOf, type SetAsideStats } from './own-resources.js';
export { decideOwnResource, MIN_CLIENTS, MIN_FOLDER_PAGES, type PathEvidence } from './own-resource-rule.js';
