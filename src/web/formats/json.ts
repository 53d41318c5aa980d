import { escapeControls, normaliseIp, type WebEvent } from '../../core/index.js';
import { badAddress, resetEvent, secondsToMs } from './fields.js';
import { parseRequestLine, splitTarget } from './request-line.js';
import { badTime, parseClfTime, parseEpochSeconds, parseIsoTime } from './time.js';
import type { LineParser } from './types.js';

/**
 * JSON lines: nginx `log_format ... escape=json` names and Elastic Common Schema (ECS) names,
 * ECS either as dotted keys (`"source.ip"`) or nested objects (`{"source":{"ip":...}}`).
 * For each event field the first name present wins, in the order listed below. Numbers may
 * be JSON numbers or strings (nginx writes `"status":"200"`); `-` and `null` mean absent.
 */

type Path = readonly string[];
const paths = (...names: string[]): Path[] => names.map((n) => (n.startsWith('@') ? [n] : n.split('.')));

const IP = paths('remote_addr', 'source.ip', 'client.ip', 'source.address', 'client.address');
const ISO_TIME = paths('time_iso8601', '@timestamp', 'timestamp');
const CLF_TIME = paths('time_local');
const MSEC = paths('msec');
const REQUEST = paths('request');
const METHOD = paths('request_method', 'http.request.method');
const URI = paths('request_uri', 'url.original');
const URL_PATH = paths('url.path');
const URL_QUERY = paths('url.query');
const PROTOCOL = paths('server_protocol', 'http.version');
const STATUS = paths('status', 'http.response.status_code');
const BYTES = paths('body_bytes_sent', 'bytes_sent', 'http.response.body.bytes');
const REFERER = paths('http_referer', 'http.request.referrer');
const USER_AGENT = paths('http_user_agent', 'user_agent.original');
const HOST = paths('host', 'http_host', 'server_name', 'url.domain', 'host.name');
const REQUEST_TIME = paths('request_time');
const DURATION_NS = paths('event.duration');
const BODY = paths('request_body', 'http.request.body.content');
const FORWARDED_FOR = paths('http_x_forwarded_for');
const USER = paths('remote_user', 'user.name');

/** Value at a dotted path: the flat key first (`"source.ip"`), then nested objects. */
function at(obj: Record<string, unknown>, path: Path): unknown {
  if (path.length === 1) return obj[path[0]!];
  const flat = obj[path.join('.')];
  if (flat !== undefined) return flat;
  let cur: unknown = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * First present value among `names`, as text; `''` when none (`-`, `null` and objects count as
 * absent, so ECS's `host` object falls through to `host.name`).
 */
function text(obj: Record<string, unknown>, names: readonly Path[]): string {
  for (const path of names) {
    const v = at(obj, path);
    if (typeof v === 'string') {
      if (v !== '' && v !== '-') return escapeControls(v);
    } else if (typeof v === 'number' || typeof v === 'bigint') {
      return String(v);
    }
  }
  return '';
}

/** First present value among `names` as a number; -1 when absent, NaN when not a number. */
function num(obj: Record<string, unknown>, names: readonly Path[]): number {
  const t = text(obj, names);
  if (t === '') return -1;
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}

/** Reads the first time field present into `out.ts`; returns '' or the malformed reason. */
function readTime(obj: Record<string, unknown>, out: WebEvent): string {
  let t = text(obj, ISO_TIME);
  if (t !== '') out.ts = parseIsoTime(t);
  else if ((t = text(obj, CLF_TIME)) !== '') out.ts = parseClfTime(t);
  else if ((t = text(obj, MSEC)) !== '') out.ts = parseEpochSeconds(t);
  else return 'no readable time (time_iso8601, time_local, msec or @timestamp)';
  return out.ts === out.ts ? '' : badTime(t);
}

function readRequest(obj: Record<string, unknown>, out: WebEvent): void {
  const method = text(obj, METHOD);
  const uri = text(obj, URI);
  if (method !== '' || uri !== '') {
    out.method = method.toUpperCase();
    if (uri !== '') splitTarget(uri, out);
    else {
      out.path = text(obj, URL_PATH);
      out.query = text(obj, URL_QUERY);
    }
    const protocol = text(obj, PROTOCOL);
    out.protocol = protocol === '' || protocol.startsWith('HTTP/') ? protocol : `HTTP/${protocol}`;
  } else {
    const request = text(obj, REQUEST);
    if (request !== '') parseRequestLine(request, out);
    else {
      out.path = text(obj, URL_PATH);
      out.query = text(obj, URL_QUERY);
    }
  }
}

function parseJsonLine(line: string, out: WebEvent): string {
  resetEvent(out);
  if (line.charCodeAt(0) !== 123 /* { */) return 'not a JSON object';
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return 'invalid JSON';
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return 'not a JSON object';
  const o = obj as Record<string, unknown>;
  const rawIp = text(o, IP);
  if (rawIp === '') return 'no client address (remote_addr, source.ip or client.ip)';
  out.ip = normaliseIp(rawIp);
  if (out.ip === '') return badAddress(rawIp);
  const timeReason = readTime(o, out);
  if (timeReason !== '') return timeReason;
  out.host = text(o, HOST).toLowerCase();
  readRequest(o, out);
  const status = num(o, STATUS);
  if (status !== status || status > 999 || !Number.isInteger(status)) return `bad status \`${text(o, STATUS)}\``;
  out.status = status;
  const bytes = num(o, BYTES);
  out.bytes = bytes >= 0 && Number.isInteger(bytes) ? bytes : -1;
  out.referer = text(o, REFERER);
  out.userAgent = text(o, USER_AGENT);
  const seconds = text(o, REQUEST_TIME);
  if (seconds !== '') out.requestTimeMs = secondsToMs(seconds);
  else {
    const ns = num(o, DURATION_NS);
    out.requestTimeMs = ns >= 0 ? ns / 1e6 : -1;
  }
  out.body = text(o, BODY);
  out.forwardedFor = text(o, FORWARDED_FOR);
  out.user = text(o, USER);
  return '';
}

/**
 * Parser for JSON-lines access logs (nginx `escape=json`, ECS). Decoded strings may hold
 * control or bidirectional characters; they come out as `\xHH` text.
 *
 * @example
 * createJsonParser().parse('{"remote_addr":"203.0.113.9","time_iso8601":"2024-05-01T10:00:00+00:00","request":"GET / HTTP/1.1","status":"200"}', emptyEvent()); // ''
 */
export function createJsonParser(): LineParser {
  return { format: 'json', parse: parseJsonLine };
}
