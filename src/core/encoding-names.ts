/**
 * How a reader names the encodings attack payloads hide behind (the campaign profiles' tags:
 * `percent`, `double-percent`…), in English and French: campaign reasons and the committee
 * report say them alike.
 *
 * @example
 * encodingName('double-percent', 'fr') // 'double encodage pour cent'
 */
const ENCODING_NAMES = {
  en: { percent: 'URL encoding', 'double-percent': 'double URL encoding', 'unicode-escape': 'Unicode escapes', 'raw-bytes': 'raw bytes', 'html-entity': 'HTML entities' },
  fr: { percent: 'encodage pour cent', 'double-percent': 'double encodage pour cent', 'unicode-escape': 'échappements Unicode', 'raw-bytes': 'octets bruts', 'html-entity': 'entités HTML' },
} as const satisfies Record<'en' | 'fr', Record<string, string>>;

/** The encoding's name in the language; an unknown tag is shown as it is. */
export function encodingName(tag: string, lang: 'en' | 'fr'): string {
  const names: Readonly<Record<string, string>> = ENCODING_NAMES[lang];
  return Object.hasOwn(names, tag) ? names[tag]! : tag;
}
