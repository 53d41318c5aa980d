/**
 * The held-out part of the ground truth: decided by rule before any figure was seen, and never
 * looked at while vigie's geolocation was developed. `npm run eval:geo` reports every figure
 * for the development part and the held-out part side by side; a gap between them is a defect
 * (something fitted to the data looked at). `GEO_EVAL_DEV_ONLY=1` hides the held-out rows, which
 * is how the evaluation is run while developing.
 *
 * - Registry labels: whole countries (ipverse publishes one file per country), those whose
 *   FNV-1a hash of the two-letter code is 0 mod 3: about a third of the countries.
 * - Cloud labels: whole providers: Linode's geofeed and Oracle Cloud's region file (one geofeed,
 *   one region file); AWS, Google Cloud, Azure and DigitalOcean are the development part.
 * - Hiding networks: whole files: PIA's VPN server list and AWS CloudFront.
 */

/** The cloud providers of the corpora, by the id `geo update` installs them under (`feed-<id>.csv`). */
export type Provider = 'aws' | 'google-cloud' | 'azure' | 'oracle-cloud' | 'digitalocean' | 'linode';

/** Each provider's file in the corpora (cloud-regions/). */
export const PROVIDER_FILES: Record<Provider, string> = {
  aws: 'aws-ip-ranges.json', 'google-cloud': 'google-cloud-ip-ranges.json', azure: 'microsoft-azure-ip-ranges.json',
  'oracle-cloud': 'oracle-cloud-ip-ranges.json', digitalocean: 'digitalocean.csv', linode: 'linode.txt',
};

const HELD_OUT_PROVIDERS: ReadonlySet<Provider> = new Set(['linode', 'oracle-cloud']);
const HELD_OUT_HIDING: ReadonlySet<string> = new Set(['VPN servers: PIA', 'CDN: CloudFront']);

/** FNV-1a, 32 bits: a fixed hash, the same on every machine. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** True when a label belongs to the held-out part. */
export function isHeldOut(what: { registryCountry?: string; provider?: Provider; hidingSet?: string }): boolean {
  if (what.registryCountry) return fnv1a(what.registryCountry) % 3 === 0;
  if (what.provider) return HELD_OUT_PROVIDERS.has(what.provider);
  return what.hidingSet !== undefined && HELD_OUT_HIDING.has(what.hidingSet);
}
