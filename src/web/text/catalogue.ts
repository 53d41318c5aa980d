import { defineCatalogue, renderText, type Lang, type Reason } from '../../core/module/index.js';
import { SITE_TEXT } from '../distributed/text.js';
import { WEB_EN } from './en.js';
import { WEB_FR } from './fr.js';

/**
 * Every text of the web module, in English and French: request, tokenizer, baseline and
 * behaviour reasons (`web.*`, en.ts and fr.ts), site-level reasons (`web.site.*`,
 * distributed/text.ts) and the plain-language class names (`web.class.*`).
 */
export const WEB_TEXT = defineCatalogue({
  en: { ...SITE_TEXT.en, ...WEB_EN },
  fr: { ...SITE_TEXT.fr, ...WEB_FR },
});

/**
 * A web reason in a language.
 *
 * @example
 * webText({ code: 'web.signature', params: { fragment: 'union select', location: 'query:id' } }, 'fr')
 * // '« union select » dans le paramètre de requête « id »'
 */
export function webText(reason: Reason, lang: Lang): string {
  return renderText(reason, lang, [WEB_TEXT]);
}

/**
 * The plain-language name of an attack class: `cmdi` → `command injection` /
 * `injection de commandes`; an unknown class is shown as it is.
 */
export function className(cls: string, lang: Lang): string {
  const template = WEB_TEXT[lang][`web.class.${cls}`];
  return typeof template === 'string' ? template : cls;
}
