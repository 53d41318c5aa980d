export { WEB_TEXT, webText, className } from './catalogue.js';
export { whereWords, locationWords } from './where.js';
