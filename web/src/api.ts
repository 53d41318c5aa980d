/** The server's API, as specified in notes/api.md: types of the answers and a fetch helper. */

export type Verdict = 'foreign' | 'domestic' | 'obscured' | 'unknown';
export const VERDICTS: readonly Verdict[] = ['foreign', 'domestic', 'obscured', 'unknown'];
export type Role = 'admin' | 'analyst' | 'viewer';

export interface Me { name: string; role: Role }
export interface OriginCounts { clients: number; flagged_clients: number; requests: number; flagged_requests: number }
export interface GeoData {
  dates: Record<string, string>;
  age_days: number;
  stale: boolean;
  attribution: { text: string; url: string; licence: string };
}
export interface Overview {
  from: string; to: string;
  requests: number; clients: number; attacks: number; flagged_clients: number;
  origins: Record<Verdict, OriginCounts>;
  /** Shares on both bases; `attacks` is the headline (the same figures as the CLI and the report). */
  origin_shares: { headline: 'attacks'; attacks: Record<Verdict, number>; flagged_clients: Record<Verdict, number> };
  findings_by_class: Record<string, number>;
  campaigns: number;
  geo_data: GeoData;
}
export interface TimePoint { t: string; attacks: number; foreign: number; domestic: number; obscured: number; unknown: number }
export interface Timeseries { bucket: 'hour' | 'day'; points: TimePoint[] }
export interface CountryRow { country: string; attacks: number; clients: number; verdicts: Record<Verdict, number> }
export interface ProvinceRow { region: string; attacks: number; clients: number }
export interface Campaign {
  id: string; clients: number; requests: number; first_seen: string | null; last_seen: string | null;
  classes: string[]; countries: Record<string, number> | string[];
  networks: { operators?: Record<string, number>; types?: Record<string, number> };
  verdict: Verdict; obscured_share: number; utc_offset_hours: number | null; confidence: number; reasons: string[];
  /** The reasons in French (the server falls back to English for older campaigns). */
  reasons_fr?: string[];
  hours?: number[]; fingerprint?: unknown;
  /** Where the operator likely is; null for campaigns analysed before it was estimated. */
  operator?: CampaignOperator | null;
}
export interface CampaignOperator {
  estimate: 'likely_foreign' | 'likely_domestic' | 'undetermined';
  countries: string[]; confidence: number; reasons: string[]; reasons_fr: string[];
}
export interface CampaignClient {
  ip: string; country: string | null; region: string | null; city: string | null; asn: number | null; org: string | null;
  network: string | null; verdict: Verdict; confidence: number | null; requests: number; flagged_requests: number;
  first_seen: string; last_seen: string;
}
export interface FindingRow {
  id: string; ts: string | null; ip: string; scope: 'request' | 'client'; class: string; rule: string; severity: number;
  location: string; fragment: string; reason: string; country: string | null; verdict: Verdict | null;
  asn: number | null; org: string | null;
}
export interface EvidenceRequest { file?: string; line?: number; ts?: string | number; method?: string; path?: string; status?: number }
export interface FindingDetail extends FindingRow {
  file: string | null; line: number; raw?: string | null; evidence?: EvidenceRequest[] | null;
  window_start?: string | null; window_end?: string | null;
  /** The reason in French, rendered from its code (absent for findings stored before reasons had codes). */
  reason_fr?: string;
}

/** An API failure: the HTTP status and the server's error code and message. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

let onUnauthorised: () => void = () => {};

/** What to do when the session has expired or is missing (show the login page). */
export function setUnauthorisedHandler(fn: () => void): void {
  onUnauthorised = fn;
}

/** GETs or POSTs JSON; the session cookie goes along. Throws ApiError on any non-2xx. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 401 && path !== '/api/login') onUnauthorised();
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return await res.json() as T;
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = await res.json() as { error?: { code?: string; message?: string } };
    return new ApiError(res.status, body.error?.code ?? 'HTTP', body.error?.message ?? res.statusText);
  } catch {
    return new ApiError(res.status, 'HTTP', res.statusText || `HTTP ${res.status}`);
  }
}

/** Query string from defined, non-empty values. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Entries of a campaign's countries or networks, whichever shape the server sends. */
export function countsOf(value: Record<string, number> | string[] | null | undefined): Array<[string, number | null]> {
  if (!value) return [];
  if (Array.isArray(value)) return value.map((v) => [v, null]);
  return Object.entries(value).sort((a, b) => b[1] - a[1]);
}
