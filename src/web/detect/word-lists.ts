import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VigieError } from '../../core/index.js';
import { WEB_RULES_DIR } from './rules-dir.js';

/**
 * Word lists for rules: long vocabularies (Unix commands, PHP functions) live in
 * `rules/web/data/<name>.txt`, one word a line, `#` for comments, so a rule stays readable and
 * the list can be reviewed and extended on its own. A pattern names a list as `{{name}}`; the
 * engine replaces it with an alternation of the words, regex-escaped, longest first.
 */

const PLACEHOLDER = /\{\{([a-z0-9-]+)\}\}/g;
const cache = new Map<string, readonly string[]>();

/** The words of `rules/web/data/<name>.txt` (or of `dir`), lower-cased, blank lines and comments left out. */
export function readWordList(name: string, dir: string = join(WEB_RULES_DIR, 'data')): readonly string[] {
  const key = `${dir}\0${name}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  let text: string;
  try {
    text = readFileSync(join(dir, `${name}.txt`), 'utf8');
  } catch (err) {
    throw new VigieError('VIGIE_ERR_CONFIG', `${join(dir, `${name}.txt`)}: word list named by a rule cannot be read; create it or fix the name`, { cause: err });
  }
  const words = [...new Set(text.split('\n').map((l) => l.replace(/#.*/, '').trim().toLowerCase()).filter((l) => l !== ''))];
  cache.set(key, words);
  return words;
}

/** `pattern` with every `{{name}}` replaced by a non-capturing alternation of the list's words. */
export function expandWordLists(pattern: string, dir?: string): string {
  return pattern.replace(PLACEHOLDER, (_, name: string) => {
    return trieAlternation(readWordList(name, dir));
  });
}

interface Trie {
  end: boolean;
  next: Map<string, Trie>;
}

/**
 * The words as a regex alternation factored by common prefix (`c(?:at|url)`): the regex engine
 * then tries each prefix once instead of every word at every position.
 */
export function trieAlternation(words: readonly string[]): string {
  const root: Trie = { end: false, next: new Map() };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      let child = node.next.get(ch);
      if (child === undefined) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  return `(?:${branches(root)})`;
}

function branches(node: Trie): string {
  // Longer words first, so `sh` never wins over `shred` when both could match.
  const parts = [...node.next].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([ch, child]) => {
    if (child.next.size === 0) return escapeRegExp(ch);
    const inner = branches(child);
    const single = child.next.size === 1 && !inner.includes('|') && !child.end;
    return escapeRegExp(ch) + (single ? inner : `(?:${inner})${child.end ? '?' : ''}`);
  });
  return parts.join('|');
}

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
