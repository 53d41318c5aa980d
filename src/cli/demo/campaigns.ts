/** When a campaign operates, in its operator's local time. */
export interface CampaignHours {
  /** Operator's fixed UTC offset, e.g. 8 for Beijing, -4 for Eastern daylight time. */
  readonly utcOffsetHours: number;
  /** Local start hour, inclusive, and end hour, exclusive (may be fractional: 13.75 = 13:45). */
  readonly fromHour: number;
  readonly toHour: number;
  /** Only Monday to Friday, local. */
  readonly weekdaysOnly: boolean;
}

/** Who attacks in the demo, from where, with what; the ground truth `vigie demo` should find. */
export interface CampaignSpec {
  readonly id: string;
  readonly summary: string;
  /** Fraction of all attack lines that belong to this campaign. */
  readonly share: number;
  readonly hours: CampaignHours;
  /** What the origin verdict should say about its addresses. */
  readonly expectedVerdict: 'foreign' | 'domestic' | 'obscured';
}

/** The demo's attack campaigns. Shares sum to 1. */
export const DEMO_CAMPAIGNS: readonly CampaignSpec[] = [
  {
    id: 'harbour',
    summary: 'SQLi/XSS/traversal/SSTI from Chinese residential addresses, faked Chrome, office hours UTC+8',
    share: 0.3,
    hours: { utcOffsetHours: 8, fromHour: 9, toHour: 18, weekdaysOnly: true },
    expectedVerdict: 'foreign',
  },
  {
    id: 'birch',
    summary: 'sqlmap from Russian residential and German/French hosting addresses, 10:00–19:00 UTC+3',
    share: 0.18,
    hours: { utcOffsetHours: 3, fromHour: 10, toHour: 19, weekdaysOnly: false },
    expectedVerdict: 'foreign',
  },
  {
    id: 'onion',
    summary: 'command injection, PHP, Java and RFI probes through Tor exits, around the clock',
    share: 0.14,
    hours: { utcOffsetHours: 0, fromHour: 0, toHour: 24, weekdaysOnly: false },
    expectedVerdict: 'obscured',
  },
  {
    id: 'cloud-scan',
    summary: 'Nikto- and nuclei-like scanners on cloud VPSs probing /.env, /.git/config, /wp-login.php',
    share: 0.22,
    hours: { utcOffsetHours: 0, fromHour: 1, toHour: 9, weekdaysOnly: false },
    expectedVerdict: 'obscured',
  },
  {
    id: 'stuffing',
    summary: 'credential-stuffing burst: POSTs to the sign-in page from residential proxies in many countries',
    share: 0.12,
    hours: { utcOffsetHours: -4, fromHour: 13, toHour: 13.75, weekdaysOnly: false },
    expectedVerdict: 'foreign',
  },
  {
    id: 'maple',
    summary: 'XSS and SQLi by hand and with curl from a Quebec residential address, evenings Eastern',
    share: 0.04,
    hours: { utcOffsetHours: -4, fromHour: 19, toHour: 23, weekdaysOnly: false },
    expectedVerdict: 'domestic',
  },
];

/**
 * Whether a campaign operates at a moment.
 *
 * @example
 * isActive(DEMO_CAMPAIGNS[0].hours, Date.UTC(2025, 3, 28, 3, 0) / 1000); // true: 11:00 Monday in UTC+8
 */
export function isActive(hours: CampaignHours, epochSecs: number, ignoreWeekdays = false): boolean {
  const localSecs = epochSecs + hours.utcOffsetHours * 3600;
  const hour = ((localSecs % 86400) + 86400) % 86400 / 3600;
  if (hour < hours.fromHour || hour >= hours.toHour) return false;
  if (!hours.weekdaysOnly || ignoreWeekdays) return true;
  // 1970-01-01 was a Thursday: day index 0 = Thursday, so Saturday = 2, Sunday = 3.
  const day = Math.floor(localSecs / 86400) % 7;
  return day !== 2 && day !== 3;
}
