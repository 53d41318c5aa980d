/**
 * Cloud region → country, written from the providers' own region pages (AWS "Regions and
 * Zones", Google Cloud "Regions and zones", Azure "Azure geographies", Oracle "Regions and
 * Availability Domains"), not from any evaluation. A region missing here is never guessed: its
 * blocks are left to the databases and `geo update` names it, so the table can be extended.
 */

const AWS_REGIONS: Record<string, string> = {
  'af-south-1': 'ZA', 'ap-east-1': 'HK', 'ap-east-2': 'TW', 'ap-northeast-1': 'JP', 'ap-northeast-2': 'KR', 'ap-northeast-3': 'JP',
  'ap-south-1': 'IN', 'ap-south-2': 'IN', 'ap-southeast-1': 'SG', 'ap-southeast-2': 'AU', 'ap-southeast-3': 'ID', 'ap-southeast-4': 'AU',
  'ap-southeast-5': 'MY', 'ap-southeast-6': 'NZ', 'ap-southeast-7': 'TH', 'ca-central-1': 'CA', 'ca-west-1': 'CA', 'cn-north-1': 'CN',
  'cn-northwest-1': 'CN', 'eu-central-1': 'DE', 'eu-central-2': 'CH', 'eu-north-1': 'SE', 'eu-south-1': 'IT', 'eu-south-2': 'ES',
  'eu-west-1': 'IE', 'eu-west-2': 'GB', 'eu-west-3': 'FR', 'eusc-de-east-1': 'DE', 'il-central-1': 'IL', 'me-central-1': 'AE',
  'me-south-1': 'BH', 'me-west-1': 'SA', 'mx-central-1': 'MX', 'sa-east-1': 'BR', 'sa-west-1': 'CL', 'us-east-1': 'US', 'us-east-2': 'US',
  'us-gov-east-1': 'US', 'us-gov-west-1': 'US', 'us-south-1': 'US', 'us-west-1': 'US', 'us-west-2': 'US',
};

// AWS Local Zones and Wavelength Zones are named after the nearest airport (us-east-1-lim-1 is
// Lima, us-west-2-wl1-lax-wlz-1 Los Angeles): the zone's country is the airport's, not its parent region's.
const AWS_ZONE_CITIES: Record<string, string> = {
  los: 'NG', tpe: 'TW', kix: 'JP', nrt: 'JP', cjj: 'KR', ccu: 'IN', del: 'IN', bkk: 'TH', han: 'VN', mnl: 'PH', sin: 'SG',
  akl: 'NZ', per: 'AU', ath: 'GR', ham: 'DE', ist: 'TR', waw: 'PL', ber: 'DE', dtm: 'DE', muc: 'DE', cph: 'DK', hel: 'FI',
  man: 'GB', lon: 'GB', mct: 'OM', bue: 'AR', lim: 'PE', qro: 'MX', scl: 'CL', yto: 'CA', atl: 'US', bos: 'US', chi: 'US',
  dfw: 'US', iah: 'US', mci: 'US', mia: 'US', msp: 'US', nyc: 'US', phl: 'US', bna: 'US', clt: 'US', dtw: 'US', tpa: 'US',
  was: 'US', jan: 'US', den: 'US', hnl: 'US', las: 'US', lax: 'US', pdx: 'US', phx: 'US', sea: 'US', sfo: 'US', foe: 'US',
};

/**
 * The country of an AWS network border group: a region's own group, or a Local or Wavelength
 * Zone by its airport code; null for `GLOBAL` (anycast) and zones not in the table.
 *
 * @example
 * awsBorderGroupCountry('us-east-1-lim-1') // 'PE'
 */
export function awsBorderGroupCountry(group: string): string | null {
  const region = AWS_REGIONS[group];
  if (region) return region;
  const m = /^[a-z]+(?:-[a-z]+)?-[a-z]+-\d+-(?:wl\d+-)?(?:[a-z]+gov-)?([a-z]{3})(?:-wlz)?-\d+[a-z]?$/.exec(group);
  return m ? AWS_ZONE_CITIES[m[1]!] ?? null : null;
}

const GCP_REGIONS: Record<string, string> = {
  'africa-south1': 'ZA', 'asia-east1': 'TW', 'asia-east2': 'HK', 'asia-northeast1': 'JP', 'asia-northeast2': 'JP', 'asia-northeast3': 'KR',
  'asia-south1': 'IN', 'asia-south2': 'IN', 'asia-southeast1': 'SG', 'asia-southeast2': 'ID', 'asia-southeast3': 'TH', 'australia-southeast1': 'AU',
  'australia-southeast2': 'AU', 'europe-central2': 'PL', 'europe-north1': 'FI', 'europe-north2': 'SE', 'europe-southwest1': 'ES',
  'europe-west1': 'BE', 'europe-west2': 'GB', 'europe-west3': 'DE', 'europe-west4': 'NL', 'europe-west6': 'CH', 'europe-west8': 'IT',
  'europe-west9': 'FR', 'europe-west10': 'DE', 'europe-west12': 'IT', 'me-central1': 'QA', 'me-central2': 'SA', 'me-west1': 'IL',
  'northamerica-northeast1': 'CA', 'northamerica-northeast2': 'CA', 'northamerica-south1': 'MX', 'southamerica-east1': 'BR',
  'southamerica-west1': 'CL',
};

/**
 * The country of a Google Cloud region (`scope` in cloud.json); every `us-*` region is in the
 * United States; null for `global` and unknown regions.
 *
 * @example
 * gcpRegionCountry('northamerica-northeast1') // 'CA'
 */
export function gcpRegionCountry(scope: string): string | null {
  return GCP_REGIONS[scope] ?? (/^us-[a-z]+\d+$/.test(scope) ? 'US' : null);
}

const AZURE_REGIONS: Record<string, string> = {
  australiacentral: 'AU', australiacentral2: 'AU', australiaeast: 'AU', australiasoutheast: 'AU', austriaeast: 'AT',
  belgiumcentral: 'BE', brazilne: 'BR', brazilse: 'BR', brazilsouth: 'BR', canadacentral: 'CA', canadaeast: 'CA',
  centralfrance: 'FR', centralindia: 'IN', centralus: 'US', centraluseuap: 'US', chilec: 'CL', denmarkeast: 'DK', eastasia: 'HK',
  eastus: 'US', eastus2: 'US', eastus2euap: 'US', eastus3: 'US', germanyn: 'DE', germanywc: 'DE', indonesiacentral: 'ID',
  israelcentral: 'IL', israelnorthwest: 'IL', italynorth: 'IT', japaneast: 'JP', japanwest: 'JP', jioindiacentral: 'IN',
  jioindiawest: 'IN', koreacentral: 'KR', koreasouth: 'KR', malaysiasouth: 'MY', malaysiawest: 'MY', mexicocentral: 'MX',
  newzealandnorth: 'NZ', northcentralus: 'US', northeurope: 'IE', norwaye: 'NO', norwayw: 'NO', polandcentral: 'PL',
  qatarcentral: 'QA', southafricanorth: 'ZA', southafricawest: 'ZA', southcentralus: 'US', southcentralus2: 'US',
  southeastasia: 'SG', southeastus: 'US', southfrance: 'FR', southindia: 'IN', spaincentral: 'ES', swedencentral: 'SE',
  swedensouth: 'SE', switzerlandn: 'CH', switzerlandw: 'CH', taiwannorth: 'TW', taiwannorthwest: 'TW', uaecentral: 'AE',
  uaenorth: 'AE', uksouth: 'GB', ukwest: 'GB', usstagec: 'US', usstagee: 'US', westcentralus: 'US', westeurope: 'NL',
  westindia: 'IN', westus: 'US', westus2: 'US', westus3: 'US',
};

/**
 * The country of an Azure region (`properties.region` of a service tag); null when unknown.
 *
 * @example
 * azureRegionCountry('canadacentral') // 'CA'
 */
export function azureRegionCountry(region: string): string | null {
  return AZURE_REGIONS[region] ?? null;
}

// Oracle names regions `<area>-<city>-<n>`: the city decides (eu-frankfurt-1, ap-tokyo-1).
const ORACLE_CITIES: Record<string, string> = {
  ashburn: 'US', phoenix: 'US', sanjose: 'US', chicago: 'US', saltlake: 'US', langley: 'US', luke: 'US', toronto: 'CA',
  montreal: 'CA', saopaulo: 'BR', vinhedo: 'BR', santiago: 'CL', valparaiso: 'CL', bogota: 'CO', queretaro: 'MX',
  monterrey: 'MX', london: 'GB', cardiff: 'GB', newport: 'GB', frankfurt: 'DE', amsterdam: 'NL', zurich: 'CH', madrid: 'ES',
  marseille: 'FR', paris: 'FR', milan: 'IT', turin: 'IT', stockholm: 'SE', jovanovac: 'RS', dublin: 'IE', jeddah: 'SA',
  riyadh: 'SA', dubai: 'AE', abudhabi: 'AE', jerusalem: 'IL', johannesburg: 'ZA', mumbai: 'IN', hyderabad: 'IN',
  tokyo: 'JP', osaka: 'JP', seoul: 'KR', chuncheon: 'KR', singapore: 'SG', sydney: 'AU', melbourne: 'AU', batam: 'ID',
  kulai: 'MY', nairobi: 'KE', casablanca: 'MA', doha: 'QA',
};

/**
 * The country of an Oracle Cloud region by its city; null when the city is not in the table.
 *
 * @example
 * oracleRegionCountry('ca-montreal-1') // 'CA'
 */
export function oracleRegionCountry(region: string): string | null {
  const m = /-([a-z]+)-\d+$/.exec(region);
  return m ? ORACLE_CITIES[m[1]!] ?? null : null;
}
