import type { Attribution } from '../../core/index.js';
import { isoUtc, json, num, type Queryable } from './range.js';

/** A campaign as listed: flagged clients grouped by shared fingerprints, with its origin reading. */
export interface CampaignSummary {
  id: string;
  clients: number;
  requests: number;
  first_seen: string | null;
  last_seen: string | null;
  classes: string[];
  countries: Record<string, number>;
  /** Addresses per network type (`hosting`, `tor`...) and per operator (`DigitalOcean, LLC`...). */
  networks: CampaignNetworks;
  verdict: string;
  obscured_share: number;
  utc_offset_hours: number | null;
  confidence: number;
  reasons: string[];
  /** The reasons in French; the English ones for campaigns stored before French was kept. */
  reasons_fr: string[];
  /** Where the operator likely is (web analyze's `operator`); null for campaigns stored before it was estimated. */
  operator: CampaignOperator | null;
}

/** A campaign's operator estimate as stored: the answer, the countries that fit, and why. */
export interface CampaignOperator {
  estimate: 'likely_foreign' | 'likely_domestic' | 'undetermined';
  countries: string[];
  confidence: number;
  reasons: string[];
  reasons_fr: string[];
}

export interface CampaignNetworks {
  types: Record<string, number>;
  operators: Record<string, number>;
}

export interface CampaignDetail extends CampaignSummary {
  /** Requests by UTC hour, 24 values. */
  hours: number[];
  fingerprint: unknown;
}

/** One client of a campaign with its origin and activity. */
export interface CampaignClient extends Pick<Attribution, 'ip' | 'country' | 'region' | 'city' | 'asn' | 'org'> {
  /** Null when the address has not been attributed (`vigie web analyze --no-geo`). */
  network: string | null;
  verdict: string;
  confidence: number | null;
  requests: number;
  flagged_requests: number;
  first_seen: string | null;
  last_seen: string | null;
}

// Every column: `operator` (web migration 3) is read when the database has it.
const COLUMNS = '*';

function summary(r: Record<string, unknown>): CampaignSummary {
  return {
    id: String(r.campaign_id),
    clients: num(r.clients),
    requests: num(r.requests),
    first_seen: isoUtc(r.first_seen),
    last_seen: isoUtc(r.last_seen),
    classes: (r.classes as string[] | null) ?? [],
    countries: json(r.countries, {}),
    networks: campaignNetworks(json<Record<string, unknown>>(r.networks, {})),
    verdict: String(r.verdict),
    obscured_share: num(r.obscured_share),
    utc_offset_hours: r.utc_offset_hours === null || r.utc_offset_hours === undefined ? null : num(r.utc_offset_hours),
    confidence: num(r.confidence),
    reasons: (r.reasons as string[] | null) ?? [],
    reasons_fr: frenchOr(r.reasons_fr, r.reasons),
    operator: campaignOperator(r.operator),
  };
}

const ESTIMATES: ReadonlyArray<CampaignOperator['estimate']> = ['likely_foreign', 'likely_domestic', 'undetermined'];

/** The stored operator estimate, or null when absent or not of its shape. */
function campaignOperator(v: unknown): CampaignOperator | null {
  const o = json<Record<string, unknown> | null>(v, null);
  if (o === null || typeof o !== 'object' || !ESTIMATES.includes(o.estimate as CampaignOperator['estimate'])) return null;
  const strings = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : []);
  return {
    estimate: o.estimate as CampaignOperator['estimate'], countries: strings(o.countries), confidence: num(o.confidence),
    reasons: strings(o.reasons), reasons_fr: strings(o.reasons_fr),
  };
}

/** The French reasons, or the English ones when a campaign predates them (null or empty). */
function frenchOr(fr: unknown, en: unknown): string[] {
  const list = (fr as string[] | null | undefined) ?? [];
  return list.length > 0 ? list : ((en as string[] | null) ?? []);
}

/** `{types, operators}` as stored; an older flat map of counts is read as types. */
function campaignNetworks(v: Record<string, unknown>): CampaignNetworks {
  if (typeof v.types === 'object' || typeof v.operators === 'object') {
    return { types: (v.types ?? {}) as Record<string, number>, operators: (v.operators ?? {}) as Record<string, number> };
  }
  return { types: v as Record<string, number>, operators: {} };
}

/**
 * Every campaign, largest first.
 *
 * @example
 * (await campaigns(store))[0].id // 'c-3f2a...'
 */
export async function campaigns(db: Queryable): Promise<CampaignSummary[]> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM campaigns ORDER BY requests DESC, clients DESC, campaign_id`);
  return rows.map(summary);
}

/**
 * One campaign with its hours of activity, fingerprint and clients, or null when unknown.
 *
 * @example
 * const c = await campaignDetail(store, 'c-3f2a'); c?.clients.length
 */
export async function campaignDetail(db: Queryable, id: string): Promise<{ campaign: CampaignDetail; clients: CampaignClient[] } | null> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM campaigns WHERE campaign_id = $id`, { id });
  if (!row) return null;
  const campaign: CampaignDetail = { ...summary(row), hours: ((row.hours as unknown[]) ?? []).map(num), fingerprint: json(row.fingerprint, null) };
  const rows = await db.query(`
    SELECT cc.ip, o.country, o.region, o.city, o.asn, o.org, o.network, coalesce(o.verdict, 'unknown') AS verdict, o.confidence,
           coalesce(c.requests, 0) AS requests, coalesce(c.flagged_requests, 0) AS flagged_requests, c.first_seen, c.last_seen
      FROM campaign_clients cc
      LEFT JOIN client_origins o ON o.ip = cc.ip
      LEFT JOIN clients c ON c.ip = cc.ip
     WHERE cc.campaign_id = $id
     ORDER BY flagged_requests DESC, requests DESC, cc.ip`, { id });
  const clients = rows.map((r): CampaignClient => ({
    ip: String(r.ip),
    country: (r.country as string | null) ?? null,
    region: (r.region as string | null) ?? null,
    city: (r.city as string | null) ?? null,
    asn: r.asn === null || r.asn === undefined ? null : num(r.asn),
    org: (r.org as string | null) ?? null,
    network: (r.network as string | null) ?? null,
    verdict: String(r.verdict),
    confidence: r.confidence === null || r.confidence === undefined ? null : num(r.confidence),
    requests: num(r.requests),
    flagged_requests: num(r.flagged_requests),
    first_seen: isoUtc(r.first_seen),
    last_seen: isoUtc(r.last_seen),
  }));
  return { campaign, clients };
}
