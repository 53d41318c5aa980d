import type { ReportLang, ReportText } from './catalogue.js';
import { EN } from './en.js';
import { FR } from './fr.js';

export { REPORT_LANGS, type PlainCampaign, type ReportLang, type ReportText } from './catalogue.js';

/** The report's sentences in `lang`. */
export function reportText(lang: ReportLang): ReportText {
  return lang === 'fr' ? FR : EN;
}
