/**
 * Contribution limits of the Canada Elections Act, s.367(1), per contributor, per calendar
 * year and per bucket, in whole dollars. Sources: Elections Canada, "Contribution limits"
 * (elections.ca, Political financing handbooks); 2004–2006 under Bill C-24 ($5,000);
 * 2007–2014 under the Federal Accountability Act ($1,000 indexed: $1,100 2007–2011, $1,200
 * 2012–2014); 2015 onward under the Fair Elections Act ($1,500, plus $25 every January 1).
 * 2025 and 2026 are the statutory formula's values (s.367(2)), to be checked against the
 * figure Elections Canada publishes.
 */
export const YEARLY_LIMITS: Readonly<Record<number, number>> = {
  2004: 5000, 2005: 5000, 2006: 5000,
  2007: 1100, 2008: 1100, 2009: 1100, 2010: 1100, 2011: 1100,
  2012: 1200, 2013: 1200, 2014: 1200,
  2015: 1500, 2016: 1525, 2017: 1550, 2018: 1575, 2019: 1600, 2020: 1625, 2021: 1650,
  2022: 1675, 2023: 1700, 2024: 1725, 2025: 1750, 2026: 1775,
};

/** The limit of a year in dollars; years outside the table take the nearest known year's. */
export function limitOf(year: number): number {
  if (YEARLY_LIMITS[year] !== undefined) return YEARLY_LIMITS[year]!;
  return year < 2004 ? YEARLY_LIMITS[2004]! : year > 2026 ? YEARLY_LIMITS[2026]! + 25 * (year - 2026) : YEARLY_LIMITS[2004]!;
}

/** What a candidate may give their own campaign beyond the limit, s.367(6) (dollars). */
export const OWN_CAMPAIGN_CANDIDATE = 5000;
/** What a nomination contestant may give their own campaign, s.367(7) (dollars). */
export const OWN_CAMPAIGN_NOMINATION = 1000;

/** Corporations and unions may not contribute since January 1, 2007 (s.363, as amended). */
export const CORPORATE_BAN_FROM = '2007-01-01';
