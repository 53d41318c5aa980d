/**
 * Reads a request value the way a browser would if the application echoed it into a page:
 * as HTML text, inside an attribute value, or inside a script, and reports what would run.
 *
 * Flags: tags that run or load script (`<script>`, `<iframe>`, `<object>`, `<svg>`...), any
 * tag with an event-handler attribute (`onerror=`...), script URLs (`javascript:`, `vbscript:`,
 * `data:text/html`) in attributes or as the whole value, dangerous attributes (`srcdoc`,
 * `formaction`, `style` with `expression(`...), values that close an attribute and add a
 * handler, values that close a string and call a script sink (`';alert(1)//`), and HTML
 * markup (`<b>`, `</title>`, `<!--`). Prose is not HTML: `a < b`, `<3`, "the script was
 * good" have no tag (a `<` must be followed by a letter, `/`, `!` or `?`).
 */

/**
 * What a scan can find, as codes (`web.xss.<kind>` in the web catalogue gives their words):
 * a tag (`tag`) with an event handler, a script URL or a dangerous attribute (`attr`), a tag
 * that runs or loads content, a closing tag that ends a block, plain HTML markup, a script URL
 * as the whole value, a value that breaks out of an attribute or a script string, script code,
 * a lone `<` probe.
 */
export const XSS_KINDS = [
  'event_handler', 'script_url_attr', 'style_script', 'attribute', 'exec_tag', 'closing_tag',
  'markup', 'script_url', 'attribute_breakout', 'script_breakout', 'script_code', 'angle_probe',
] as const;
export type XssKind = (typeof XSS_KINDS)[number];

/** What the scan found: a kind, the tag and attribute it names, and the fragment of the value. */
export interface XssMatch {
  kind: XssKind;
  tag?: string;
  attr?: string;
  fragment: string;
}

/** A tag judged by {@link readTag}: a finding, or markup that counts only when nothing worse is found. */
type TagHit = XssMatch | { kind: 'tag_markup'; fragment: string };

const EXEC_TAGS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'style',
  'svg', 'math', 'xml', 'import', 'portal', 'isindex', 'xss', 'template', 'animate', 'set', 'handler',
  'listener', 'vmlframe', 'bgsound', 'layer', 'ilayer', 'xmp', 'plaintext', 'noscript', 'noembed', 'textarea', 'title',
]);
/** HTML elements a page renders: markup injection (defacement, phishing links) uses these. */
const HTML_ELEMENTS = new Set(
  ('a abbr address area article aside audio b bdo big blink blockquote body br button canvas caption center cite code ' +
    'col dd del details dfn dialog dir div dl dt em fieldset figure font footer form h1 h2 h3 h4 h5 h6 head header hr ' +
    'html i img input ins kbd keygen label legend li main map mark marquee menu nav ol optgroup option output p picture ' +
    'pre q s samp section select small source span strike strong sub summary sup table tbody td tfoot th thead tr tt u ' +
    'ul var video wbr image').split(' '),
);
const DANGEROUS_ATTRIBUTES = new Set([
  'srcdoc', 'formaction', 'xlink:href', 'datasrc', 'dataformatas', 'datafld', 'dynsrc', 'lowsrc', 'background',
  'attributename', 'from', 'to', 'values', 'folder', 'poster', 'action', 'data', 'code', 'codebase', 'allowscriptaccess',
]);
const SCRIPT_URL = /^[\s\0-\x1f]*(?:j\s*a\s*v\s*a|v\s*b|l\s*i\s*v\s*e)\s*s\s*c\s*r\s*i\s*p\s*t\s*:|^[\s\0-\x1f]*data\s*:\s*(?:text\/html|text\/xml|image\/svg|application\/(?:x-)?(?:javascript|ecmascript|xhtml))/i;
const STYLE_SCRIPT = /expression\s*\(|javascript\s*:|behavior\s*:|-moz-binding|@import|url\s*\(\s*['"]?\s*(?:javascript|data)/i;
// Close an attribute value, then a handler or style: `" onmouseover="...`, `' autofocus onfocus=`.
const ATTRIBUTE_BREAKOUT = /["'`][\s/]*(?:[a-z-]+[\s/]+)*(?:on[a-z]{3,40}|style|srcdoc|formaction)\s*=/i;
// Script sinks attackers call to prove or use an injection.
const SINK = /(?<![\w$.])(?:alert|prompt|confirm|eval|print|fetch|settimeout|setinterval|function|import|atob|open|write(?:ln)?|fromcharcode|constructor)\s*(?:\(|`)|(?<![\w$])(?:document\s*\.\s*(?:cookie|domain|write|location)|(?:window|self|top|parent|document)\s*\.\s*location|location\s*(?:\.\s*href\s*)?=(?!=)|(?:top|window|self|parent|this|globalthis|frames)\s*\[)/i;
// Right before a sink that follows a break-out: an operator, separator or quote, not a letter.
const JS_BREAKOUT = /["'`]\s*(?:[)\]}]\s*)*[-+*/%|&^;,:?=<>!~(]\s*(?:[({\[]\s*)*$/;

/**
 * The first sign of cross-site scripting in `value` (already normalised), or undefined.
 *
 * @example
 * scanHtml('<svg/onload=alert(1)>') // { kind: 'event_handler', tag: 'svg', attr: 'onload', ... }
 * scanHtml('if a < b then c')            // undefined
 */
export function scanHtml(value: string): XssMatch | undefined {
  if (XML_DOCUMENT.test(value)) return scanXmlDocument(value);
  return scanTags(value) ?? scanScriptUrl(value) ?? scanAttributeBreakout(value) ?? scanScriptBreakout(value) ?? scanScriptCode(value) ?? scanAngleProbe(value);
}

/**
 * An XML document (`<?xml`, `<?xpacket`, a namespaced root declaring its prefix, as a SOAP envelope):
 * an API payload or an uploaded SVG/XMP, where `<xml>`, `<svg>` and unknown elements are the
 * data itself. Only what would run in a browser counts there.
 */
const XML_DOCUMENT = /^\s*(?:<\?(?:xml|xpacket)[\s?]|<[a-z][\w.-]*:[\w.-]+\s[^>]*\bxmlns:)/i;
const SCRIPT_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'import', 'portal', 'handler', 'listener']);

function scanXmlDocument(value: string): XssMatch | undefined {
  const hit = scanTags(value, true);
  if (hit !== undefined && hit.kind !== 'markup') return hit;
  return scanAttributeBreakout(value) ?? scanScriptBreakout(value) ?? scanScriptCode(value);
}

// Shapes only script has: a function literal, jQuery on a string, a sink passed or called
// by reference (`(alert)(1)`, `[1].find(alert)`, `a=alert,a(1)`).
const SCRIPT_CODE = /function\s*[\w$]*\s*\([\w$,\s]*\)\s*\{|\$\s*\(\s*["'`]|window\s*\.\s*open\s*\(|\(\s*(?:alert|prompt|confirm|eval)\s*\)\s*\(|\.\s*\w+\s*\(\s*(?:alert|prompt|confirm|eval)\s*\)|=\s*(?:alert|prompt|confirm|eval)\s*[,;]/i;

function scanScriptCode(value: string): XssMatch | undefined {
  const m = SCRIPT_CODE.exec(value);
  return m === null ? undefined : { kind: 'script_code', fragment: value.slice(m.index, m.index + 80) };
}

/** A value that is nothing but `<` (however encoded): a probe of which encodings get through. */
function scanAngleProbe(value: string): XssMatch | undefined {
  return value.trim() === '<' ? { kind: 'angle_probe', fragment: value } : undefined;
}

function scanTags(value: string, xml = false): XssMatch | undefined {
  let markup: XssMatch | undefined;
  for (let lt = value.indexOf('<'); lt >= 0; lt = value.indexOf('<', lt + 1)) {
    const next = value.charCodeAt(lt + 1);
    if (isLetter(next)) {
      const hit = readTag(value, lt, xml);
      if (hit === undefined) continue;
      if (hit.kind !== 'tag_markup') return hit;
      markup ??= { kind: 'markup', fragment: hit.fragment };
    } else if (next === 0x2f /* / */ && isLetter(value.charCodeAt(lt + 2))) {
      const name = /^[a-z][\w:-]*/i.exec(value.slice(lt + 2, lt + 40))?.[0].toLowerCase() ?? '';
      const frag = value.slice(lt, lt + 2 + name.length + 1);
      if (xml ? SCRIPT_TAGS.has(name) : EXEC_TAGS.has(name)) return { kind: 'closing_tag', tag: name, fragment: frag };
      if (HTML_ELEMENTS.has(name)) markup ??= { kind: 'markup', fragment: frag };
    } else if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      const head = value.slice(lt, lt + 10).toLowerCase();
      if (/^<!(?:--|\[cdata\[|doctype|entity|attlist|element|\[if)|^<\?import/.test(head)) markup ??= { kind: 'markup', fragment: value.slice(lt, lt + 20) };
    }
  }
  return markup;
}

interface Attribute {
  name: string;
  value: string;
}

/** Reads `<name attr=value ...` (to `>` or the end) and judges it. */
function readTag(value: string, lt: number, xml: boolean): TagHit | undefined {
  const nameMatch = /^[a-z][\w:.-]*/i.exec(value.slice(lt + 1, lt + 64));
  // `<name@example.org>` is an address in text, not a tag.
  if (nameMatch === null || value.charCodeAt(lt + 1 + nameMatch[0].length) === 0x40) return undefined;
  const name = nameMatch[0].toLowerCase();
  const { attributes, end } = readAttributes(value, lt + 1 + nameMatch[0].length);
  const fragment = value.slice(lt, Math.min(end, lt + 200));
  const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  for (const a of attributes) {
    if (/^on[a-z]{3,}/.test(a.name)) return { kind: 'event_handler', tag: name, attr: a.name, fragment };
    if (SCRIPT_URL.test(a.value)) return { kind: 'script_url_attr', tag: name, attr: a.name, fragment };
    if (a.name === 'style' && STYLE_SCRIPT.test(a.value)) return { kind: 'style_script', tag: name, fragment };
    if (DANGEROUS_ATTRIBUTES.has(a.name) && (a.name === 'srcdoc' || a.name === 'formaction' || a.name.startsWith('data'))) {
      return { kind: 'attribute', tag: name, attr: a.name, fragment };
    }
  }
  if (xml ? SCRIPT_TAGS.has(local) : EXEC_TAGS.has(local)) return { kind: 'exec_tag', tag: name, fragment };
  // A tag only counts as markup when it is an HTML element, complete or with attributes:
  // `<br>`, `<a href=x`; a bare `<note>` or `<bar>` is XML or text, not something a page renders.
  if (!HTML_ELEMENTS.has(local) && (xml || attributes.length === 0)) return undefined;
  if (end <= value.length && (value.charCodeAt(end - 1) === 0x3e || attributes.length > 0)) return { kind: 'tag_markup', fragment };
  return undefined;
}

function readAttributes(value: string, i: number): { attributes: Attribute[]; end: number } {
  const attributes: Attribute[] = [];
  const n = value.length;
  while (i < n) {
    while (i < n && /[\s/]/.test(value[i]!)) i++;
    if (i >= n) break;
    if (value[i] === '>') return { attributes, end: i + 1 };
    const nameStart = i;
    while (i < n && !/[\s/>=]/.test(value[i]!)) i++;
    const name = value.slice(nameStart, i).toLowerCase().replace(/^["'`]+/, '');
    while (i < n && /\s/.test(value[i]!)) i++;
    let attrValue = '';
    if (value[i] === '=') {
      i++;
      while (i < n && /\s/.test(value[i]!)) i++;
      const q = value[i];
      if (q === '"' || q === "'" || q === '`') {
        const close = value.indexOf(q, i + 1);
        attrValue = value.slice(i + 1, close < 0 ? n : close);
        i = close < 0 ? n : close + 1;
      } else {
        const start = i;
        while (i < n && !/[\s>]/.test(value[i]!)) i++;
        attrValue = value.slice(start, i);
      }
    }
    if (name !== '') attributes.push({ name, value: attrValue });
    if (attributes.length > 64) break;
  }
  return { attributes, end: n };
}

function scanScriptUrl(value: string): XssMatch | undefined {
  const stripped = value.replace(/^[\s"'`(=]+/, '');
  if (!SCRIPT_URL.test(stripped)) return undefined;
  return { kind: 'script_url', fragment: stripped.slice(0, 80) };
}

function scanAttributeBreakout(value: string): XssMatch | undefined {
  const m = ATTRIBUTE_BREAKOUT.exec(value);
  if (m === null) return undefined;
  const rest = value.slice(m.index + m[0].length).trimStart();
  if (rest === '') return undefined;
  return { kind: 'attribute_breakout', fragment: value.slice(m.index, m.index + m[0].length + 40) };
}

function scanScriptBreakout(value: string): XssMatch | undefined {
  const m = SINK.exec(value);
  if (m === null) return undefined;
  const before = value.slice(Math.max(0, m.index - 40), m.index);
  if (!JS_BREAKOUT.test(before) && !/^\s*[-+;(]?\s*$/.test(value.slice(0, m.index))) return undefined;
  const start = Math.max(0, before.search(/["'`][^"'`]*$/) + Math.max(0, m.index - 40));
  return { kind: 'script_breakout', fragment: value.slice(start, m.index + m[0].length + 40) };
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
