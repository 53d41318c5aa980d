import { escapeControls } from '../../core/index.js';
import type { EndpointModel, ParamModel, PathModel } from './model.js';
import { CHAR_CLASS_NAMES } from './value-shape.js';

/**
 * Plain-words reasons of baseline findings, with the figures that make the case, e.g.
 * "parameter `precio` is numeric in 100% of 500 requests; got `85'; DROP TABLE`".
 */

const SHOWN_CHARS = 80;

/** A count with thousands separators: 4212 → `4,212`. */
export function figure(n: number): string {
  return n.toLocaleString('en-US');
}

/** A share as a percentage rounded down to 0.1, so 99.96% never reads as 100%. */
export function percent(share: number): string {
  return `${Math.floor(share * 1000) / 10}%`;
}

/** A value quoted for a reason: backquoted, shortened, control and bidirectional characters made visible. */
export function shown(value: string): string {
  const visible = escapeControls(value);
  return '`' + (visible.length > SHOWN_CHARS ? visible.slice(0, SHOWN_CHARS) + '…' : visible) + '`';
}

export function typeReason(p: ParamModel, value: string): string {
  return `parameter \`${p.name}\` is ${p.type} in ${percent(p.type_share)} of ${figure(p.observations)} requests; got ${shown(value)}`;
}

export function charsetReason(p: ParamModel, value: string, unknown: readonly string[]): string {
  return `parameter \`${p.name}\` holds only ${describeClasses(p.charset)} in ${figure(p.observations)} requests; got ${describeClasses(unknown)} in ${shown(value)}`;
}

export function lengthReason(p: ParamModel, length: number): string {
  const limit = p.length_limit!;
  const range = limit.min === limit.max ? `${limit.max}` : limit.min === 0 && limit.max > p.length_max ? `at most ${p.length_max}` : `${limit.min} to ${limit.max}`;
  return `parameter \`${p.name}\` is ${range} characters long in ${figure(p.observations)} requests; got ${figure(length)} characters`;
}

export function valueReason(p: ParamModel, value: string): string {
  const values = p.values!;
  const list = values.slice(0, 6).map((v) => shown(v)).join(', ') + (values.length > 6 ? ', …' : '');
  return `parameter \`${p.name}\` takes ${values.length === 1 ? 'one value' : `${values.length} values`} (${list}) in ${figure(p.observations)} requests; got ${shown(value)}`;
}

export function unknownParamReason(e: EndpointModel, name: string): string {
  const names = e.params.map((p) => p.name);
  const known = names.length === 0 ? 'none' : names.slice(0, 8).join(', ') + (names.length > 8 ? ', …' : '');
  return `parameter ${shown(name)} was never seen on ${e.method} ${e.path} in ${figure(e.requests)} requests (known: ${known})`;
}

export function unknownEndpointReason(method: string, path: string, requests: number, endpoints: number): string {
  return `${method} ${shown(path)} was never seen in ${figure(requests)} normal requests to ${figure(endpoints)} known endpoints`;
}

export function methodReason(method: string, p: PathModel): string {
  return `${shown(method)} was never used on ${p.path} in ${figure(p.requests)} requests (seen: ${p.methods.join(', ')})`;
}

/** Character classes in words: `letters, digits, spaces and `,-./``. */
function describeClasses(classes: readonly string[]): string {
  const named = classes.filter((c) => c in CHAR_CLASS_NAMES || c === 'control').map((c) => CHAR_CLASS_NAMES[c] ?? 'control characters');
  const symbols = classes.filter((c) => !(c in CHAR_CLASS_NAMES) && c !== 'control');
  const parts = [...named];
  if (symbols.length > 0) parts.push('`' + symbols.join('') + '`');
  if (parts.length === 0) return 'nothing';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
