export { influenceModule } from './module.js';
