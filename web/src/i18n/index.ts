import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

export type { MessageKey };
/** The dashboard's languages, as BCP 47 tags used by Intl and `<html lang>`. */
export type Lang = 'en-CA' | 'fr-CA';

/** Both catalogues, by language. */
export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { 'en-CA': en, 'fr-CA': fr };

const STORAGE_KEY = 'vigie.lang';
let current: Lang = 'en-CA';
const listeners: Array<() => void> = [];

/** The language remembered from last time, else the browser's if it is French, else English. */
export function initialLang(): Lang {
  let saved: string | null = null;
  try { saved = localStorage.getItem(STORAGE_KEY); } catch { /* storage disabled: not remembered */ }
  if (saved === 'en-CA' || saved === 'fr-CA') return saved;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr-CA' : 'en-CA';
}

/** The current language. */
export function lang(): Lang {
  return current;
}

/** Switches language, remembers the choice, updates `<html lang>` and redraws listeners. */
export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  try { localStorage.setItem(STORAGE_KEY, next); } catch { /* not remembered, still applied */ }
  for (const fn of listeners) fn();
}

/** Calls `fn` after every language change. */
export function onLangChange(fn: () => void): void {
  listeners.push(fn);
}

/**
 * The text of `key` in the current language, with `{name}` replaced by `params.name`.
 * @example t('user.signedIn', { name: 'ana', role: 'analyst' })
 */
export function t(key: MessageKey, params: Record<string, string> = {}): string {
  return CATALOGUES[current][key].replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}

/** The text of a dynamic key (a class, verdict, network...) or the raw value if unknown. */
export function tOr(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in en ? t(key as MessageKey) : value;
}

/** Modules' texts (web/src/modules), by language. */
const moduleTexts: Record<Lang, Record<string, string>> = { 'en-CA': {}, 'fr-CA': {} };

/** Add a module's texts; both languages must hold the same keys (checked by the catalogue test). */
export function addMessages(messages: Record<Lang, Record<string, string>>): void {
  Object.assign(moduleTexts['en-CA'], messages['en-CA']);
  Object.assign(moduleTexts['fr-CA'], messages['fr-CA']);
}

/**
 * A module's text of `key` in the current language, `{name}` replaced by `params.name`; the key
 * itself when no module has it (visible, never blank).
 */
export function tx(key: string, params: Record<string, string> = {}): string {
  const text = moduleTexts[current][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}
