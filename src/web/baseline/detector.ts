import { MAX_FRAGMENT_CHARS, type EventSource, type Finding, type RequestDetector, type WebEvent } from '../../core/index.js';
import { webText } from '../text/index.js';
import type { BaselineModel, EndpointModel, ParamModel, PathModel } from './model.js';
import * as why from './reasons.js';
import { endpointPath, methodFamily, requestParams, type RequestParam } from './request-parts.js';
import { charClasses, TYPE_BITS, typeMask } from './value-shape.js';

/** At most this many anomaly findings per request: the first ones make the case. */
const MAX_FINDINGS_PER_REQUEST = 5;

interface CompiledParam {
  model: ParamModel;
  charset: Set<string> | null;
  values: Set<string> | null;
}

interface CompiledEndpoint {
  model: EndpointModel;
  params: Map<string, CompiledParam>;
}

type Anomaly = Pick<Finding, 'rule' | 'severity' | 'location' | 'fragment' | 'why'>;

/**
 * The baseline as a per-request detector: a request that leaves the learned shape of the site
 * gives findings of class `anomaly`, each naming the rule (`baseline-param-type`,
 * `baseline-param-charset`, `baseline-param-length`, `baseline-param-value`,
 * `baseline-unknown-param`, `baseline-unknown-endpoint`, `baseline-method`), where
 * (`query:name`, `body:name`, `path`), the value, and the figures in plain words.
 *
 * @example
 * const detector = createBaselineDetector(await loadBaseline('baseline.json'));
 * detector.inspect(event, { file: 'access.log', line: 12 }, findings);
 */
export function createBaselineDetector(model: BaselineModel): RequestDetector {
  const endpoints = new Map<string, CompiledEndpoint>();
  for (const e of model.endpoints) endpoints.set(`${e.method} ${e.path}`, compileEndpoint(e));
  const paths = new Map<string, PathModel>(model.paths.map((p) => [p.path, p]));
  const normalRequests = model.training.requests_used;
  return {
    name: 'baseline',
    inspect(event: WebEvent, source: EventSource, out: Finding[]): void {
      const anomalies: Anomaly[] = [];
      const method = methodFamily(event.method);
      const path = endpointPath(event.path);
      const endpoint = endpoints.get(`${method} ${path}`);
      if (endpoint !== undefined) checkParams(endpoint, requestParams(event), anomalies);
      else {
        const known = paths.get(path);
        if (known !== undefined && known.methods_closed && !known.methods.includes(method)) {
          anomalies.push({ rule: 'baseline-method', severity: 2, location: 'method', fragment: event.method, why: why.methodReason(event.method, known) });
        } else if (known === undefined && model.endpoints_closed) {
          anomalies.push({ rule: 'baseline-unknown-endpoint', severity: 2, location: 'path', fragment: event.path, why: why.unknownEndpointReason(event.method, event.path, normalRequests, model.endpoints.length) });
        }
      }
      for (const a of anomalies.slice(0, MAX_FINDINGS_PER_REQUEST)) out.push(toFinding(a, event, source));
    },
  };
}

function compileEndpoint(e: EndpointModel): CompiledEndpoint {
  const params = new Map<string, CompiledParam>();
  for (const p of e.params) {
    params.set(p.name, { model: p, charset: p.charset_closed ? new Set(p.charset) : null, values: p.values === null ? null : new Set(p.values) });
  }
  return { model: e, params };
}

function checkParams(endpoint: CompiledEndpoint, params: readonly RequestParam[], out: Anomaly[]): void {
  const seen = new Set<string>();
  for (const param of params) {
    if (seen.has(param.name)) continue;
    seen.add(param.name);
    const location = `${param.location}:${param.name}`;
    const compiled = endpoint.params.get(param.name);
    if (compiled === undefined) {
      if (endpoint.model.params_closed) {
        out.push({ rule: 'baseline-unknown-param', severity: 2, location, fragment: param.raw, why: why.unknownParamReason(endpoint.model, param.name) });
      }
      continue;
    }
    const anomaly = checkValue(compiled, param.value);
    if (anomaly !== null) out.push({ ...anomaly, location, fragment: param.raw });
  }
}

/** The first way a value leaves its parameter's model, most telling first; null when it fits. */
function checkValue(c: CompiledParam, value: string): Pick<Anomaly, 'rule' | 'severity' | 'why'> | null {
  const p = c.model;
  if (p.type !== 'text' && (typeMask(value) & TYPE_BITS[p.type]) === 0) {
    return { rule: 'baseline-param-type', severity: 3, why: why.typeReason(p, value) };
  }
  if (c.charset !== null) {
    const unknown = charClasses(value).filter((k) => !c.charset!.has(k));
    if (unknown.length > 0) return { rule: 'baseline-param-charset', severity: 3, why: why.charsetReason(p, value, unknown) };
  }
  if (c.values !== null && !c.values.has(value)) {
    return { rule: 'baseline-param-value', severity: 3, why: why.valueReason(p, value) };
  }
  if (p.length_limit !== null && (value.length > p.length_limit.max || value.length < p.length_limit.min)) {
    return { rule: 'baseline-param-length', severity: 3, why: why.lengthReason(p, value.length) };
  }
  return null;
}

function toFinding(a: Anomaly, event: WebEvent, source: EventSource): Finding {
  return {
    scope: 'request',
    class: 'anomaly',
    rule: a.rule,
    severity: a.severity,
    ip: event.ip,
    ts: event.ts,
    location: a.location,
    fragment: a.fragment.length > MAX_FRAGMENT_CHARS ? a.fragment.slice(0, MAX_FRAGMENT_CHARS) : a.fragment,
    file: source.file,
    line: source.line,
    windowStart: 0,
    windowEnd: 0,
    reason: webText(a.why, 'en'),
    why: a.why,
  };
}
