import { defineCatalogue } from '../../core/module/index.js';
import { INFLUENCE_EN } from './en.js';
import { INFLUENCE_FR } from './fr.js';

/** Every reason and message of the influence module, in English and French. */
export const INFLUENCE_TEXT = defineCatalogue({ en: INFLUENCE_EN, fr: INFLUENCE_FR });
