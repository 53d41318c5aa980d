import type { OriginVerdict } from '../../core/index.js';

/** A report language. */
export type ReportLang = 'en' | 'fr';

export const REPORT_LANGS: readonly ReportLang[] = ['en', 'fr'];

/**
 * Every sentence of a committee report, per language. Functions take the figures already
 * formatted for the language, so word order stays the translator's choice.
 */
export interface ReportText {
  locale: string;
  title: string;
  subtitle: (from: string, to: string) => string;
  generated: (when: string) => string;
  summaryHeading: string;
  summary: (attacks: string, clients: string, requests: string) => string;
  originHeading: string;
  originLead: (foreignShare: string, domesticShare: string, obscuredShare: string, unknownShare: string) => string;
  verdict: Record<OriginVerdict, string>;
  verdictMeaning: Record<OriginVerdict, string>;
  caveatHeading: string;
  caveats: string[];
  columns: { verdict: string; attacks: string; share: string; flaggedClients: string; clientShare: string; country: string; class: string; findings: string; clients: string; path: string; meaning: string };
  classHeading: string;
  countryHeading: string;
  campaignsHeading: string;
  noCampaigns: string;
  campaign: {
    addresses: string; requests: string; active: string; classes: string; countries: string; networks: string; operators: string;
    verdict: string; timeZone: string; offset: string; noOffset: string; confidence: string; reasons: string;
    /** The operator estimate (web analyze's `operator`): label, its three answers, and its reasons' label. */
    operator: string; operatorWhy: string; operatorMissing: string;
    estimate: { likely_foreign: string; likely_domestic: string; undetermined: string };
  };
  targetsHeading: string;
  methodHeading: string;
  method: string[];
  sourcesHeading: string;
  logSources: string;
  geoData: (dates: string) => string;
  geoStale: (days: string) => string;
  noGeoData: string;
  attribution: string;
  nothing: string;
  /** The country cell of private addresses (no country can exist). */
  privateAddresses: string;
  className: (cls: string) => string;
  /** A network type (`hosting`, `residential`, `unknown`...) as the reader says it. */
  networkType: (type: string) => string;
  /** A country code or an operator's name as stored, or the word for none known (`unknown`). */
  orUnknown: (name: string) => string;
  /** An attribution data set's name (`network lists`, `registry delegations`...). */
  dataSet: (name: string) => string;
  /** An encoding of attack payloads (`double-percent`, `raw-bytes`...) as the reader says it. */
  encodingName: (name: string) => string;
  /** The word for a country no data places (`unknown` in the stored figures). */
  unknownCountry: string;
  /** A log file's line count in the list of logs analysed. */
  lines: (n: string) => string;
  /** The table of contents of a printed report (reports over 4 pages). */
  contents: string;
  /** The page footer's `Page 3 of 7`, around the two numbers Chromium fills in. */
  pageOf: [before: string, between: string];
  /** A campaign's "Why" in plain words: why its addresses were grouped, and where they are. */
  why: (c: PlainCampaign) => string;
  /** The campaign fact pointing to its technical detail in the annex. */
  detail: string;
  seeAnnex: (id: string) => string;
  annexHeading: string;
  annexLead: string;
  /** The labels of a campaign's technical reasons, in the order the analysis gives them. */
  annexLabels: { grouping: string; payloads: string; origin: string; timeZone: string };
}

/** What a campaign's plain "Why" says, already in the report's words and number format. */
export interface PlainCampaign {
  clients: number;
  /** How the addresses were linked (from the analysis' first reason). */
  links: { sameTool: boolean; sameTargets: boolean; similar: boolean; samePage: boolean };
  verdict: OriginVerdict;
  /** Country names, most addresses first (at most 4). */
  countries: string[];
  /** Addresses that go through a service hiding the sender (Tor, VPN, hosting, CDN, relay). */
  obscured: number;
  /** Hiding services by name (`hosting`, `Tor`...) in the report's language. */
  hiding: string[];
  /** Every address is private (local network): no origin can exist. */
  allPrivate: boolean;
}
