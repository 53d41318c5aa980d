/** Children accepted by `h`: nodes, text, or nothing (skipped). */
export type Child = Node | string | number | null | undefined | false;

/**
 * Creates an HTML element with attributes and children. Text is always set as text, never as
 * HTML, so data from logs (attack payloads!) cannot inject markup.
 * @example h('a', { href: '#/findings' }, 'Findings')
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes (presentation attributes, not inline styles: CSP). */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K, attrs: Record<string, string | number | undefined> = {}, ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) el.setAttribute(name, String(value));
  append(el, children);
  return el;
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

/** Replaces all children of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A table with a caption, header cells and rows of cells. */
export function table(caption: string, headers: Array<string | { text: string; num?: boolean }>, rows: Child[][],
  opts: { numCols?: number[]; nowrapCols?: number[]; captionHidden?: boolean } = {}): HTMLTableElement {
  const num = new Set(opts.numCols ?? []);
  const nowrap = new Set(opts.nowrapCols ?? []);
  const cls = (i: number): string | undefined => [num.has(i) ? 'num' : '', nowrap.has(i) ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined;
  return h('table', { class: 'data' },
    h('caption', { class: opts.captionHidden ? 'visually-hidden' : undefined }, caption),
    h('thead', {}, h('tr', {}, ...headers.map((hd, i) =>
      h('th', { scope: 'col', class: cls(i) }, typeof hd === 'string' ? hd : hd.text)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => h('td', { class: cls(i) }, c))))));
}
