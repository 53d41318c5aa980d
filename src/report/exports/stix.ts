import type { CampaignFigures } from '../report-data.js';
import type { Attacker } from './attackers.js';
import { STIX_SCO_NAMESPACE, uuidV4, uuidV5 } from './uuid.js';

/** vigie's own namespace for the SDOs it derives from evidence (indicators, sightings, notes). */
const VIGIE_NAMESPACE = '6f1c2b8e-4a57-5d0e-9a3c-7e2f1d4b9c80';

type StixObject = Record<string, unknown> & { type: string; id: string };

export interface StixOptions {
  /** Name of the organisation producing the bundle (the identity that saw the attacks). */
  producer: string;
  now: Date;
  /** Indicators stay valid this many days after the last sighting. */
  validDays: number;
}

/**
 * A STIX 2.1 bundle: for each attacking address an observable, an indicator, a sighting (how
 * often and when it was seen) and a note with its attribution (verdict, country, network,
 * confidence, reasons); for each campaign a `campaign` object, `indicates` relationships from
 * its addresses' indicators, and a note with the campaign's attribution.
 */
export function renderStix(attackers: readonly Attacker[], campaigns: readonly CampaignFigures[], options: StixOptions): Record<string, unknown> {
  const now = options.now.toISOString();
  const identity: StixObject = {
    type: 'identity', spec_version: '2.1', id: `identity--${uuidV5(VIGIE_NAMESPACE, `identity:${options.producer}`)}`,
    created: now, modified: now, name: options.producer, identity_class: 'organization',
  };
  const objects: StixObject[] = [identity];
  const indicatorOf = new Map<string, string>();
  for (const a of attackers) {
    const family = a.ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr';
    const sco: StixObject = { type: family, spec_version: '2.1', id: `${family}--${uuidV5(STIX_SCO_NAMESPACE, JSON.stringify({ value: a.ip }))}`, value: a.ip };
    const first = stixTime(a.first_seen);
    const last = stixTime(a.last_seen);
    const indicator: StixObject = {
      type: 'indicator', spec_version: '2.1', id: `indicator--${uuidV5(VIGIE_NAMESPACE, `indicator:${a.ip}`)}`,
      created: now, modified: now, created_by_ref: identity.id,
      name: `Attacking address ${a.ip}`,
      description: `${a.attacks} attack requests (${a.classes.join(', ')}) between ${first} and ${last}.`,
      indicator_types: ['malicious-activity'], pattern: `[${family}:value = '${a.ip}']`, pattern_type: 'stix',
      valid_from: first, valid_until: new Date(Date.parse(last) + options.validDays * 86_400_000).toISOString(),
      labels: a.classes,
    };
    indicatorOf.set(a.ip, indicator.id);
    const sighting: StixObject = {
      type: 'sighting', spec_version: '2.1', id: `sighting--${uuidV5(VIGIE_NAMESPACE, `sighting:${a.ip}:${first}:${last}`)}`,
      created: now, modified: now, created_by_ref: identity.id, sighting_of_ref: indicator.id,
      first_seen: first, last_seen: last, count: Math.min(Math.max(a.attacks, 1), 999_999_999), where_sighted_refs: [identity.id],
    };
    objects.push(sco, indicator, sighting, attributionNote(a, [indicator.id, sco.id], identity.id, now));
  }
  for (const c of campaigns) objects.push(...campaignObjects(c, attackers, indicatorOf, identity.id, now));
  return { type: 'bundle', id: `bundle--${uuidV4()}`, objects };
}

function attributionNote(a: Attacker, refs: string[], producer: string, now: string): StixObject {
  const where = [a.country, a.region].filter(Boolean).join(', ') || 'unknown location';
  const network = a.asn ? `AS${a.asn}${a.org ? ` ${a.org}` : ''}` : a.org ?? 'unknown network';
  return {
    type: 'note', spec_version: '2.1', id: `note--${uuidV5(VIGIE_NAMESPACE, `note:${a.ip}`)}`,
    created: now, modified: now, created_by_ref: producer,
    abstract: `Origin: ${a.verdict} (confidence ${Math.round(a.confidence * 100)}%)`,
    content: `Origin verdict ${a.verdict}, confidence ${Math.round(a.confidence * 100)}%. Address located in ${where}; network ${network} (${a.network}). Reasons: ${a.reasons.join(' ')}`,
    object_refs: refs,
  };
}

function campaignObjects(c: CampaignFigures, attackers: readonly Attacker[], indicatorOf: Map<string, string>, producer: string, now: string): StixObject[] {
  const id = `campaign--${uuidV5(VIGIE_NAMESPACE, `campaign:${c.id}`)}`;
  const campaign: StixObject = {
    type: 'campaign', spec_version: '2.1', id, created: now, modified: now, created_by_ref: producer,
    name: c.id, description: `${c.clients} addresses, ${c.requests} requests; ${c.classes.join(', ')}.`,
    ...(c.first_seen ? { first_seen: stixTime(c.first_seen) } : {}),
    ...(c.last_seen ? { last_seen: stixTime(c.last_seen) } : {}),
  };
  const out: StixObject[] = [campaign];
  for (const a of attackers) {
    const indicator = indicatorOf.get(a.ip);
    if (a.campaign_id !== c.id || !indicator) continue;
    out.push({
      type: 'relationship', spec_version: '2.1', id: `relationship--${uuidV5(VIGIE_NAMESPACE, `indicates:${a.ip}:${c.id}`)}`,
      created: now, modified: now, created_by_ref: producer, relationship_type: 'indicates', source_ref: indicator, target_ref: id,
    });
  }
  const offset = c.utc_offset_hours === null ? 'no working-hours time zone estimate' : `working hours suggest UTC${c.utc_offset_hours >= 0 ? '+' : ''}${c.utc_offset_hours}`;
  out.push({
    type: 'note', spec_version: '2.1', id: `note--${uuidV5(VIGIE_NAMESPACE, `note:campaign:${c.id}`)}`,
    created: now, modified: now, created_by_ref: producer,
    abstract: `Campaign origin: ${c.verdict} (confidence ${Math.round(c.confidence * 100)}%)`,
    content: `Verdict ${c.verdict}; ${Math.round(c.obscured_share * 100)}% of addresses obscured; countries ${JSON.stringify(c.countries)}; network types ${JSON.stringify(c.networks.types)}; operators ${JSON.stringify(c.networks.operators)}; ${offset}. Reasons: ${c.reasons.join(' ')}`,
    object_refs: [id],
  });
  return out;
}

/** STIX timestamps are RFC 3339 UTC with a `Z`; DuckDB gives `2026-11-24 10:00:00`. */
function stixTime(ts: string): string {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(ts) ? ts : `${ts.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? new Date(0).toISOString() : new Date(ms).toISOString();
}
