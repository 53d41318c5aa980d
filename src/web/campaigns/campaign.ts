import type { OriginVerdict } from '../../core/index.js';
import type { OperatorEstimate } from './operator/index.js';

/**
 * A campaign: flagged clients grouped by shared fingerprints, with its origin. Field names
 * are the `campaigns` entries of `vigie web analyze --json` (a contract for scripts).
 */
export interface Campaign {
  /**
   * Where the operator likely is: `likely_foreign`, `likely_domestic` or `undetermined`, the
   * countries that fit, a confidence and the reasons in EN and FR (a contract), with each piece
   * of evidence weighed (operator/estimate-operator.ts).
   */
  operator: OperatorEstimate;
  /** `C-` and 8 hex digits of a hash of the fingerprint: stable while the campaign's tools are. */
  id: string;
  clients: number;
  /** Requests from the campaign's addresses, and those flagged. */
  requests: number;
  flagged_requests: number;
  first_seen: string;
  last_seen: string;
  classes: string[];
  /** Addresses per country (the address's country, even when obscured). */
  countries: Record<string, number>;
  /** Addresses per network operator (organisation, or AS number), and per network type. */
  networks: Record<string, number>;
  network_types: Record<string, number>;
  verdict: OriginVerdict;
  /** Share of the addresses whose network hides the person's origin (Tor, VPN, hosting, CDN, relay). */
  obscured_share: number;
  utc_offset_hours: number | null;
  utc_offset_confidence: number;
  /** Flagged requests by UTC hour. */
  hours: number[];
  confidence: number;
  /** Why, in plain words: English (the `--json` contract) and the same sentences in French. */
  reasons: string[];
  reasons_fr: string[];
  /** User agents, rules and encodings that define it. */
  fingerprint: { user_agents: string[]; rules: string[]; encodings: string[]; paths: string[] };
  /** Up to 20 of its addresses, busiest first. */
  sample_ips: string[];
  /** The site-level finding (`site_findings`) whose excess these addresses make up, if any. */
  site_finding?: string;
}

/** What the campaign step needs to know of each client's origin (from `client_origins`). */
export interface ClientOrigin {
  country: string | null;
  org: string | null;
  asn: number | null;
  network: string;
  verdict: OriginVerdict;
  confidence: number;
}
