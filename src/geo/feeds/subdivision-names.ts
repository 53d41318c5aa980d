// Canada's provinces and territories as DB-IP names them, so a region from a geofeed (ISO
// 3166-2 `CA-QC`) and one from DB-IP (`Quebec`) count as the same place in reports and the
// dashboard's province map. Other countries' codes are shown as they are.
const NAMES: Record<string, string> = {
  'CA-AB': 'Alberta', 'CA-BC': 'British Columbia', 'CA-MB': 'Manitoba', 'CA-NB': 'New Brunswick',
  'CA-NL': 'Newfoundland and Labrador', 'CA-NS': 'Nova Scotia', 'CA-NT': 'Northwest Territories', 'CA-NU': 'Nunavut',
  'CA-ON': 'Ontario', 'CA-PE': 'Prince Edward Island', 'CA-QC': 'Quebec', 'CA-SK': 'Saskatchewan', 'CA-YT': 'Yukon',
};

/**
 * The region name vigie reports for an ISO 3166-2 subdivision code.
 *
 * @example
 * subdivisionName('CA-QC') // 'Quebec'
 * subdivisionName('NL-NH') // 'NL-NH'
 */
export function subdivisionName(code: string): string {
  return NAMES[code] ?? code;
}
