import { queryParams, type WebEvent } from '../../core/index.js';
import { normalise } from './normalise.js';
import type { RuleTarget } from './rule-schema.js';

/**
 * How the rule engine reads the parts of a request: parameters of queries and form bodies,
 * header lines and cookies, and the raw text of each rule target.
 */

/** Query or form parameters, names and values decoded. */
export function decodedParams(raw: string): Array<[string, string]> {
  return queryParams(raw).map(([n, v]) => [normalise(n, 'query'), normalise(v, 'query')]);
}

/** A body that reads as `a=1&b=2`, not JSON, XML or multipart: its parameters are confirmed one by one. */
export function isFormBody(body: string): boolean {
  const c = body.charCodeAt(0);
  return body.includes('=') && c !== 0x7b /* { */ && c !== 0x3c /* < */ && c !== 0x5b /* [ */ && !isMultipartBody(body);
}

/** A multipart body starts with its boundary line: `--` and up to 70 characters. */
const MULTIPART_START = /^\s*--[^\r\n]{1,72}\r?\n/;
const PART_NAME = /\bname\s*=\s*"([^"]*)"|\bname\s*=\s*([^;\s]+)/i;
const PART_FILENAME = /\bfilename\s*=\s*"([^"]*)"|\bfilename\s*=\s*([^;\s]+)/i;
const MAX_PARTS = 64;

/** A body that starts with a multipart boundary line. */
export function isMultipartBody(body: string): boolean {
  return body.trimStart().charCodeAt(0) === 0x2d /* - */ && MULTIPART_START.test(body);
}

/** One part of a multipart body, raw: its field name, file name ('' when none) and content. */
export interface MultipartPart {
  name: string;
  fileName: string;
  content: string;
}

/**
 * The parts of a multipart body (at most 64), raw. The part headers (`Content-Disposition:
 * form-data`) are framing: only the names are taken from them.
 *
 * @example
 * multipartParts('--b\r\nContent-Disposition: form-data; name="q"\r\n\r\n1\r\n--b--') // [{ name: 'q', fileName: '', content: '1' }, ...]
 */
export function multipartParts(body: string): MultipartPart[] {
  const boundary = MULTIPART_START.exec(body)![0].trim();
  const parts = body.split(boundary);
  const out: MultipartPart[] = [];
  for (let k = 1; k < parts.length && k <= MAX_PARTS; k++) {
    const part = parts[k]!;
    const blank = /\r?\n\r?\n/.exec(part);
    const head = blank === null ? part : part.slice(0, blank.index);
    const content = blank === null ? '' : part.slice(blank.index + blank[0].length).replace(/\r?\n$/, '');
    const m = PART_NAME.exec(head);
    const f = PART_FILENAME.exec(head);
    out.push({ name: m === null ? '' : (m[1] ?? m[2] ?? ''), fileName: f === null ? '' : (f[1] ?? f[2] ?? ''), content });
  }
  return out;
}

/**
 * The fields of a multipart body as `[field name, text]`: each part's content, then its file
 * name under the same field name, as request-values.ts reads them. `decode` normalises them.
 */
export function multipartParams(body: string, decode: boolean): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const d = (text: string): string => (decode ? normalise(text, 'other') : text);
  for (const { name, fileName, content } of multipartParts(body)) {
    if (content !== '') out.push([d(name), d(content)]);
    if (fileName !== '') out.push([d(name), d(fileName)]);
  }
  return out;
}

/** A body that starts as an XML document or element (`<?xml`, `<!DOCTYPE`, `<root>`), not `<?php`. */
export function isXmlBody(body: string): boolean {
  return XML_START.test(body);
}

const XML_START = /^\s*<(?:\?xml[\s?]|!doctype\s|[a-z_][\w:.-]{0,64}[\s/>])/i;
/** Attribute values and text nodes; entities are decoded by `normalise`. */
const XML_VALUE = /\s[\w:.-]{1,64}\s*=\s*(?:"([^"<]*)"|'([^'<]*)')|>([^<]+)</g;
const MAX_XML_VALUES = 256;

/**
 * The values of an XML body, raw, in document order: each attribute value and each text node
 * that is not blank (at most 256). An application reads them one by one, so a payload in
 * `<a probe="...">` must be read from its own start; element and attribute names are markup.
 *
 * @example
 * xmlValues('<?xml version="1.0"?><a probe="x">y</a>') // ['1.0', 'x', 'y']
 */
export function xmlValues(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(XML_VALUE)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? '';
    if (raw.trim() === '') continue;
    out.push(raw);
    if (out.length >= MAX_XML_VALUES) break;
  }
  return out;
}

/** Raw values of the request's headers by lower-case name (first occurrence), Host, User-Agent and Referer included. */
export function headerMap(event: WebEvent): Map<string, string> {
  const map = new Map<string, string>();
  if (event.host !== '') map.set('host', event.host);
  if (event.userAgent !== '') map.set('user-agent', event.userAgent);
  if (event.referer !== '') map.set('referer', event.referer);
  for (const line of (event.headers ?? '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!map.has(name)) map.set(name, line.slice(colon + 1).trim());
  }
  return map;
}

/**
 * The whole header block as `name: value` lines, names lower-case, Host first; `''` for an
 * event without its other headers (access-log lines), so block rules never judge a log line.
 */
export function headerBlock(event: WebEvent): string {
  const headers = event.headers ?? '';
  if (headers === '') return '';
  let block = event.host === '' ? '' : `host: ${event.host}\n`;
  if (event.userAgent !== '') block += `user-agent: ${event.userAgent}\n`;
  if (event.referer !== '') block += `referer: ${event.referer}\n`;
  for (const line of headers.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) block += `${line.slice(0, colon).trim().toLowerCase()}:${line.slice(colon + 1)}\n`;
  }
  return block;
}

/**
 * Header lines as `[name, value]` pairs, values decoded; a Cookie header is split into its
 * cookies, named `cookie:<name>`, so a finding says which cookie carried the payload.
 */
export function headerParams(headers: string, decode: boolean): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const d = (text: string): string => (decode ? normalise(text, 'query') : text);
  for (const line of headers.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name !== 'cookie') {
      out.push([name, d(value)]);
      continue;
    }
    for (const cookie of value.split(';')) {
      const eq = cookie.indexOf('=');
      const cookieName = (eq < 0 ? cookie : cookie.slice(0, eq)).trim();
      out.push([`cookie:${d(cookieName)}`, d(eq < 0 ? '' : cookie.slice(eq + 1).trim())]);
    }
  }
  return out;
}

/** Length of a target's raw text, without building it for `request`. */
export function rawLength(event: WebEvent, target: RuleTarget): number {
  if (target === 'request') return event.path.length + (event.query === '' ? 0 : event.query.length + 1);
  return rawValue(event, target).length;
}

/** The raw text of a rule target, as sent. */
export function rawValue(event: WebEvent, target: RuleTarget): string {
  switch (target) {
    case 'path': return event.path;
    case 'query': return event.query;
    case 'user_agent': return event.userAgent;
    case 'referer': return event.referer;
    case 'body': return event.body;
    case 'method': return event.method;
    case 'request': return event.query === '' ? event.path : `${event.path}?${event.query}`;
    case 'headers': return event.headers ?? '';
  }
}
