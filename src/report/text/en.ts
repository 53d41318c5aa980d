import type { PlainCampaign, ReportText } from './catalogue.js';
import { encodingName } from '../../core/encoding-names.js';

const CLASSES: Record<string, string> = {
  sqli: 'SQL injection', xss: 'cross-site scripting', path_traversal: 'path traversal', lfi: 'local file inclusion',
  rfi: 'remote file inclusion', cmdi: 'command injection', ssti: 'template injection', log4shell: 'Log4Shell',
  ssrf: 'server-side request forgery', xxe: 'XML external entity', nosqli: 'NoSQL injection', ldapi: 'LDAP injection',
  crlf: 'header injection (CRLF)', sensitive_file: 'sensitive file probing', admin_probe: 'admin page probing',
  scanner: 'attack scanner', protocol: 'protocol abuse', anomaly: 'departure from the site’s normal traffic',
  scanning: 'scanning', brute_force: 'password guessing', flood: 'request flood', crawling: 'aggressive crawling',
};

const NETWORKS: Record<string, string> = {
  tor: 'Tor', vpn: 'VPN', hosting: 'hosting', cdn: 'CDN', relay: 'privacy relay', residential: 'residential', business: 'business', unknown: 'unknown',
};

const and = (items: readonly string[]): string => new Intl.ListFormat('en-CA', { type: 'conjunction' }).format(items);

/** A campaign's "Why" for a committee clerk: why grouped, then where from, with no identifier. */
function why(c: PlainCampaign): string {
  const one = c.clients === 1;
  const parts = [c.links.sameTool && 'used the same uncommon attack tool', c.links.sameTargets && 'looked for the same rarely visited pages',
    c.links.similar && 'sent similar attacks at the same hours', c.links.samePage && 'aimed at the same page in the same way'].filter((p): p is string => typeof p === 'string');
  const grouped = one ? 'A single address, kept as a campaign of its own.'
    : `These ${c.clients} addresses were grouped because they ${parts.length > 0 ? and(parts) : 'shared tools and habits'}.`;
  const where = c.countries.length > 0 ? ` (${and(c.countries)})` : '';
  let origin: string;
  switch (c.verdict) {
    case 'foreign': origin = one ? `The address is abroad${where}, and its network does not hide where the attacks come from.` : `Most of these addresses are abroad${where}, and their networks do not hide where the attacks come from.`; break;
    case 'domestic': origin = one ? `The address is in Canada, and its network does not hide where the attacks come from.` : `Most of these addresses are in Canada, and their networks do not hide where the attacks come from.`; break;
    case 'obscured': {
      const via = c.hiding.length > 0 ? ` (${and(c.hiding)})` : '';
      origin = one
        ? `The address goes through a service that hides the sender${via}. Its country${where} is where the server is, not where the person behind the attacks is.`
        : `${c.obscured} of the ${c.clients} addresses go through services that hide the sender${via}. Their countries${where} are where the servers are, not where the people behind the attacks are.`;
      break;
    }
    default: origin = c.allPrivate ? 'The addresses are private (an internal network): the logs do not show where the attacks came from.' : 'These addresses could not be placed: there is no attribution data for them.';
  }
  return `${grouped} ${origin}`;
}

/** The report in English (Canada). */
export const EN: ReportText = {
  locale: 'en-CA',
  title: 'Web attacks and their origin',
  subtitle: (from, to) => `Period: ${from} to ${to} (UTC)`,
  generated: (when) => `Generated ${when} by vigie.`,
  summaryHeading: 'In brief',
  summary: (attacks, clients, requests) => `${attacks} requests were attacks, sent from ${clients} addresses, out of ${requests} requests received.`,
  originHeading: 'Where the attacks came from',
  originLead: (f, d, o, u) => `Of the attacks, ${f} came from abroad, ${d} from Canada, ${o} through networks that hide their origin, and ${u} from addresses that cannot be placed.`,
  verdict: { foreign: 'Foreign', domestic: 'Domestic', obscured: 'Obscured', unknown: 'Unknown' },
  verdictMeaning: {
    foreign: 'The address is located outside the home country and nothing hides the origin.',
    domestic: 'The address is located in the home country and nothing hides the origin.',
    obscured: 'Tor, VPN, proxy, hosting/data-centre, CDN or privacy relay: the address’s country is not the sender’s.',
    unknown: 'Private, reserved or unallocated address, or no data.',
  },
  caveatHeading: 'What these figures can and cannot say',
  caveats: [
    '“Obscured” does not mean foreign: a Canadian can rent a server abroad, and a foreign operator can rent one in Canada. For these addresses, the country shown is the server’s, not the person’s.',
    'Geolocation databases place addresses where networks are registered or used; they are usually right about the country and less often about the city. Confidence is higher where independent sources agree.',
    'An estimated working-hours time zone describes when a campaign is active; it is a clue about its operator, not proof.',
    'Attacks that leave no trace in the web server logs (for example, blocked upstream) are not counted.',
  ],
  columns: { verdict: 'Origin', attacks: 'Attacks', share: 'Share of attacks', flaggedClients: 'Addresses', clientShare: 'Share of addresses', country: 'Country', class: 'Kind of attack', findings: 'Findings', clients: 'Addresses', path: 'Page targeted', meaning: 'What it means' },
  classHeading: 'Kinds of attack',
  countryHeading: 'Countries of the attacking addresses',
  campaignsHeading: 'Campaigns',
  noCampaigns: 'No group of attacking addresses shared enough habits to be called a campaign.',
  campaign: {
    addresses: 'Addresses', requests: 'Requests', active: 'Active', classes: 'Kinds of attack', countries: 'Countries', networks: 'Networks', operators: 'Network operators',
    verdict: 'Origin', timeZone: 'Time zone', offset: 'Working hours suggest UTC', noOffset: 'No reliable estimate (see the annex)', confidence: 'Confidence', reasons: 'Why',
    operator: 'Operator', operatorWhy: 'Evidence on the operator', operatorMissing: 'not estimated (analysed by an older version)',
    estimate: { likely_foreign: 'likely abroad', likely_domestic: 'likely at home', undetermined: 'undetermined: the evidence is not enough' },
  },
  targetsHeading: 'Most attacked pages',
  methodHeading: 'Method and data sources',
  method: [
    'Every request in the web server access logs was checked against signature rules (with golden test cases), token-level SQL-injection and cross-site-scripting detectors, a model of the site’s normal traffic, and per-address behaviour over time windows.',
    'Each attacking address was attributed offline: country, province and city, network operator, and network type (Tor exit, VPN, hosting, CDN, relay), then given one of four verdicts with a confidence and reasons.',
    'Addresses that shared tools and habits (user agent, payload families, targeted pages, hours of activity) were grouped into campaigns.',
  ],
  sourcesHeading: 'Logs analysed',
  logSources: 'Log files',
  geoData: (dates) => `Attribution data: ${dates}.`,
  geoStale: (days) => `Warning: the attribution data is ${days} days old; update it with vigie geo update.`,
  noGeoData: 'Addresses were not attributed for this report (no attribution data recorded).',
  attribution: 'IP Geolocation by DB-IP (CC BY 4.0)',
  nothing: 'None in this period.',
  privateAddresses: 'Private addresses',
  className: (cls) => CLASSES[cls] ?? cls,
  networkType: (type) => NETWORKS[type] ?? type,
  orUnknown: (name) => name,
  dataSet: (name) => name,
  encodingName: (name) => encodingName(name, 'en'),
  unknownCountry: 'unknown',
  lines: (n) => `${n} lines`,
  contents: 'Contents',
  pageOf: ['Page ', ' of '],
  why,
  detail: 'Technical detail',
  seeAnnex: (id) => `In the annex, under ${id}`,
  annexHeading: 'Annex: technical detail of the campaigns',
  annexLead: 'The reasons the analysis gives for each campaign, for technical readers: the tool’s user agent, how many detection rules matched, how the attacks were encoded, and how the working-hours estimate was made.',
  annexLabels: { grouping: 'How the addresses were linked', payloads: 'Attack techniques', origin: 'Origin', timeZone: 'Time zone' },
};
