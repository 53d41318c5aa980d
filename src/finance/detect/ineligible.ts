import { CORPORATE_BAN_FROM } from '../limits.js';
import { CANADIAN_POSTAL, CANADIAN_PROVINCES } from '../formats/values.js';
import { dollars, type Alert, type AlertType } from './alert.js';
import { groupBy, type ScanContext } from './context.js';

const CORPORATE_NAME = /\b(inc|incorporated|ltd|limited|lt[ée]e|corp|corporation|llc|llp|company|compagnie|cie|enr|s\.?e\.?n\.?c|syndicat|union|local \d+|association des|f[ée]d[ée]ration|holdings?|group[e]?|consulting|enterprises?)\b\.?/i;
const INDIVIDUAL_TYPE = /^(individuals?|particuliers?|individual|)$/i;

/**
 * Ineligible contributors (s.363): a corporation or union after 2007-01-01 (by contributor
 * type, or a company word in the name); an address outside Canada (a flag for review, not
 * proof: a citizen abroad may give); cash over $20 where the file records how it was given
 * (s.366).
 */
export function detectIneligible(ctx: ScanContext): Alert[] {
  const groups = groupBy(ctx.rows.length, (i) => {
    const r = ctx.rows[i]!;
    const kind = ineligibleKind(r.contributorType, r.contributorName, r.date, r.province, r.postal, r.givenThrough, r.monetaryCents);
    return kind ? `${kind}|${ctx.entity[i]}` : null;
  });
  const alerts: Alert[] = [];
  for (const [key, idx] of groups) {
    const type = key.split('|')[0] as AlertType;
    const entity = ctx.resolution.entities[ctx.entity[idx[0]!]!]!;
    const r0 = ctx.rows[idx[0]!]!;
    const total = idx.reduce((n, i) => n + ctx.rows[i]!.monetaryCents + ctx.rows[i]!.nonMonetaryCents, 0);
    const dates = idx.map((i) => ctx.rows[i]!.date).filter(Boolean).sort();
    const score = type === 'ineligible_corporate' ? 0.7 : type === 'cash' ? 0.5 : 0.35;
    alerts.push({
      id: '', type, score, recipientIds: [...new Set(idx.map((i) => ctx.rows[i]!.recipientId))], rowIndexes: idx,
      entityIds: [entity.id], amount: dollars(total), first: dates[0] ?? '', last: dates[dates.length - 1] ?? '',
      sections: type === 'cash' ? ['s.366'] : ['s.363(1)'],
      reasons: [{ code: `finance.${type}`, params: { name: entity.name, total: dollars(total), gifts: idx.length, type: r0.contributorType, province: r0.province, postal: r0.postal } }],
    });
  }
  return alerts;
}

/** Which ineligibility a row shows, if any. */
export function ineligibleKind(type: string, name: string, date: string, province: string, postal: string, givenThrough: string, cents: number): AlertType | null {
  if (date >= CORPORATE_BAN_FROM && (!INDIVIDUAL_TYPE.test(type.trim()) || CORPORATE_NAME.test(name))) return 'ineligible_corporate';
  if (/\b(cash|comptant|esp[èe]ces)\b/i.test(givenThrough) && cents > 2000) return 'cash';
  if (isForeignAddress(province, postal)) return 'foreign_address';
  return null;
}

/** US states and territories (two letters), the commonest foreign addresses in the files. */
const US_STATES = new Set('AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI'.split(' '));
const FOREIGN_WORDS = /\b(USA|U\.S\.A?|UNITED|[ÉE]TATS|FRANCE|ENGLAND|U\.?K|CHINA|CHINE|HONG KONG|TAIWAN|INDIA|INDE|ISRAEL|MEXICO|GERMANY|ALLEMAGNE|SWITZERLAND|SUISSE|AUSTRALIA|JAPAN|JAPON|BELGIUM|BELGIQUE|ITALY|ITALIE)\b/;

/**
 * An address outside Canada, conservatively: a US state or a named country as the province,
 * or a US ZIP code. Spellings of Canadian provinces (`QUÉBEC`, `QU`, `Ont.`) and postal codes
 * typed with O for 0 (`JOP1P0`) are Canadian: the real lists are full of them.
 */
export function isForeignAddress(province: string, postal: string): boolean {
  const p = province.toUpperCase().trim();
  if (p !== '' && !CANADIAN_PROVINCES.has(p)) {
    if (US_STATES.has(p) || FOREIGN_WORDS.test(p)) return true;
  }
  if (postal !== '' && !CANADIAN_POSTAL.test(postal) && /^\d{5}(\d{4})?$/.test(postal)) return true;
  return false;
}
