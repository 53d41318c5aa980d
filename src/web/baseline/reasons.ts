import { escapeControls } from '../../core/index.js';
import type { Reason } from '../../core/module/index.js';
import type { EndpointModel, ParamModel, PathModel } from './model.js';

/**
 * Reasons of baseline findings as codes (`web.baseline.*`) with the figures that make the
 * case; the web catalogue (web/text) renders them, e.g. "parameter `precio` is numeric in
 * 100% of 500 requests; got `85'; DROP TABLE`" or, in French, "le paramètre « precio » est
 * numérique dans 100 % de 500 requêtes; reçu « 85'; DROP TABLE »".
 */

const SHOWN_CHARS = 80;
const LISTED_VALUES = 6;
const LISTED_PARAMS = 8;

/** A value quoted in a reason: shortened, control and bidirectional characters made visible. */
export function shown(value: string): string {
  const visible = escapeControls(value);
  return visible.length > SHOWN_CHARS ? visible.slice(0, SHOWN_CHARS) + '…' : visible;
}

export function typeReason(p: ParamModel, value: string): Reason {
  return { code: 'web.baseline.type', params: { name: p.name, type: p.type, share: p.type_share, observations: p.observations, value: shown(value) } };
}

export function charsetReason(p: ParamModel, value: string, unknown: readonly string[]): Reason {
  return { code: 'web.baseline.charset', params: { name: p.name, charset: p.charset, observations: p.observations, unknown: [...unknown], value: shown(value) } };
}

export function lengthReason(p: ParamModel, length: number): Reason {
  const limit = p.length_limit!;
  return { code: 'web.baseline.length', params: { name: p.name, min: limit.min, max: limit.max, length_max: p.length_max, observations: p.observations, length } };
}

export function valueReason(p: ParamModel, value: string): Reason {
  const values = p.values!;
  return { code: 'web.baseline.value', params: { name: p.name, values: values.slice(0, LISTED_VALUES).map(shown), count: values.length, observations: p.observations, value: shown(value) } };
}

export function unknownParamReason(e: EndpointModel, name: string): Reason {
  const names = e.params.map((p) => p.name);
  return { code: 'web.baseline.unknown_param', params: { name: shown(name), method: e.method, path: e.path, requests: e.requests, known: names.slice(0, LISTED_PARAMS), known_count: names.length } };
}

export function unknownEndpointReason(method: string, path: string, requests: number, endpoints: number): Reason {
  return { code: 'web.baseline.unknown_endpoint', params: { method, path: shown(path), requests, endpoints } };
}

export function methodReason(method: string, p: PathModel): Reason {
  return { code: 'web.baseline.method', params: { method: shown(method), path: p.path, requests: p.requests, seen: p.methods } };
}
