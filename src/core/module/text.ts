/**
 * Text as data: every reason, message and summary line a user reads is a code with
 * parameters, rendered from per-language catalogues (as Zod v4's locales are). No French is
 * ever derived from English text: each code has a template in each language, and
 * {@link defineCatalogue} refuses a catalogue where one is missing.
 */

/** The languages every catalogue covers. The tips module adds Chinese for its public form only. */
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

/** A parameter value: numbers are formatted per language; lists are joined per language. */
export type ParamValue = string | number | boolean | null | readonly (string | number)[];
export type Params = Readonly<Record<string, ParamValue>>;

/**
 * A reason or message as data: a stable code (`finance.limit_breach`) and its parameters.
 * Stored as is (JSON), rendered when shown, so a stored finding reads in any language.
 */
export interface Reason {
  code: string;
  params?: Params;
}

/** Formatting a template may use, bound to the language. */
export interface TextFormat {
  readonly lang: Lang;
  /** 12345.6 → `12,345.6` (en) / `12 345,6` (fr). */
  num(n: number, maximumFractionDigits?: number): string;
  /** 0.125 → `12.5%` (en) / `12,5 %` (fr). */
  pct(share: number): string;
  /** 1234.5 → `$1,234.50` (en) / `1 234,50 $` (fr). */
  money(dollars: number): string;
  /** `2026-12-06` or an ISO instant → `December 6, 2026` / `6 décembre 2026` (UTC). */
  date(iso: string): string;
  /** A list in the language: `a, b and c` / `a, b et c`. */
  list(items: readonly string[]): string;
}

/**
 * A template: a string with `{name}` placeholders (numbers formatted with `num`, lists joined
 * with `list`), or a function when word order or plurals depend on the figures.
 */
export type Template = string | ((p: Readonly<Record<string, any>>, f: TextFormat) => string);

/** One module's texts: the same codes in every language (checked by {@link defineCatalogue}). */
export interface Catalogue {
  readonly en: Readonly<Record<string, Template>>;
  readonly fr: Readonly<Record<string, Template>>;
}

/**
 * Declare a catalogue; the type makes a code missing in French a compile error, and the
 * runtime check catches catalogues built from data.
 *
 * @example
 * export const TEXT = defineCatalogue({
 *   en: { 'finance.limit_breach': '{name} gave {amount} to {party} in {year}, over the limit of {limit}' },
 *   fr: { 'finance.limit_breach': '{name} a versé {amount} à {party} en {year}, au-delà du plafond de {limit}' },
 * });
 */
export function defineCatalogue<K extends string>(catalogue: { en: Record<K, Template>; fr: Record<K, Template> }): Catalogue {
  const missing = missingCodes(catalogue);
  if (missing.length > 0) throw new Error(`catalogue: codes without every language: ${missing.join(', ')}`);
  return catalogue;
}

/** Codes present in one language and not in another, as `code (fr)`. */
export function missingCodes(catalogue: Catalogue): string[] {
  const codes = new Set(LANGS.flatMap((l) => Object.keys(catalogue[l])));
  const out: string[] = [];
  for (const code of codes) {
    for (const l of LANGS) if (typeof catalogue[l][code] !== 'string' && typeof catalogue[l][code] !== 'function') out.push(`${code} (${l})`);
  }
  return out.sort();
}

const LOCALES: Record<Lang, string> = { en: 'en-CA', fr: 'fr-CA' };

const FORMATS = new Map<Lang, TextFormat>();

/**
 * Formatting for a language (figures, money, dates, lists). One per language for the process,
 * each Intl formatter built on its first use: building them costs far more than using them,
 * and a reason is rendered for every finding of a run.
 */
export function textFormat(lang: Lang): TextFormat {
  let format = FORMATS.get(lang);
  if (!format) FORMATS.set(lang, (format = makeTextFormat(lang)));
  return format;
}

function makeTextFormat(lang: Lang): TextFormat {
  const locale = LOCALES[lang];
  const nums = new Map<number, Intl.NumberFormat>();
  let pct: Intl.NumberFormat | undefined;
  let money: Intl.NumberFormat | undefined;
  let date: Intl.DateTimeFormat | undefined;
  let list: Intl.ListFormat | undefined;
  return {
    lang,
    num: (n, digits = 2) => {
      let f = nums.get(digits);
      if (!f) nums.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
      return f.format(n);
    },
    pct: (share) => (pct ??= new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })).format(share),
    money: (dollars) => (money ??= new Intl.NumberFormat(locale, { style: 'currency', currency: 'CAD', currencyDisplay: 'narrowSymbol' })).format(dollars),
    date: (iso) => {
      const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
      return Number.isNaN(d.getTime()) ? iso : (date ??= new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })).format(d);
    },
    list: (items) => (list ??= new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })).format(items),
  };
}

/**
 * Render a code in a language from the catalogues that hold it. An unknown code is shown as
 * the code with its parameters (never silently dropped), so a missing text is visible.
 *
 * @example
 * renderText({ code: 'web.behaviour.brute_force', params: { attempts: 1200 } }, 'fr', [WEB_TEXT])
 */
export function renderText(reason: Reason, lang: Lang, catalogues: readonly Catalogue[]): string {
  const format = textFormat(lang);
  for (const c of catalogues) {
    const template = c[lang][reason.code];
    if (template !== undefined) return fill(template, reason.params ?? {}, format);
  }
  return `${reason.code}${reason.params ? ` ${JSON.stringify(reason.params)}` : ''}`;
}

/** Fill a template: `{name}` takes the parameter, numbers and lists formatted for the language. */
export function fill(template: Template, params: Params, format: TextFormat): string {
  if (typeof template === 'function') return template(params, format);
  return template.replace(/\{([a-z_][a-z0-9_]*)\}/gi, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    if (typeof v === 'number') return format.num(v);
    if (Array.isArray(v)) return format.list(v.map((x) => (typeof x === 'number' ? format.num(x) : String(x))));
    return String(v);
  });
}
