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
}
