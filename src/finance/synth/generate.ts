import type { Contribution } from '../model.js';
import { limitOf } from '../limits.js';
import { Random, weighted, type Calibration } from './calibration.js';
import { CHINESE_GIVEN, CHINESE_SURNAMES, ENGLISH_GIVEN, FRENCH_GIVEN, FRENCH_SURNAMES, renderChinese } from './names.js';

/**
 * A benchmark year of contributions (27-column shape) calibrated on the real distributions,
 * with planted schemes (straw rings, one multi-candidate network, nomination bursts, limit
 * breaches under several spellings, corporate gifts) and legal look-alikes (hard negatives:
 * tax-credit couples, event tickets, office towers, monthly donors, Dec 31 spikes, candidate
 * fundraisers, households giving the maximum with a history), and the truth: the person
 * behind every row.
 */
export interface Benchmark {
  rows: Contribution[];
  /** The true person of each row. */
  personOfRow: number[];
  /** Whether each person has a Chinese-origin name (for the fairness check only: no rule sees it). */
  chinese: boolean[];
  schemes: Array<{ kind: 'straw_ring' | 'network' | 'burst' | 'limit_breach' | 'ineligible_corporate'; recipients: string[]; rows: number[] }>;
  negatives: Array<{ kind: string; rows: number[]; chinese: boolean }>;
  /** Pairs of people who share a name (homonyms), by person id. */
  homonyms: Array<[number, number]>;
}

export interface GenerateOptions { seed: number; people?: number; year?: number }

interface Person {
  last: string; first: string; middle: string; chinese: boolean;
  zh?: { surname: (typeof CHINESE_SURNAMES)[number]; given: Array<(typeof CHINESE_GIVEN)[number]>; system: 0 | 1 | 2 };
  postal: string; city: string; province: string; riding: number; variants: boolean;
}

const PARTIES = ['Liberal Party of Canada', 'Conservative Party of Canada', 'New Democratic Party', 'Green Party of Canada'];
const LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';

export function generateBenchmark(cal: Calibration, options: GenerateOptions): Benchmark {
  const r = new Random(options.seed * 7919 + 17);
  const year = options.year ?? 2021;
  const limit = limitOf(year) * 100;
  const fsa = weighted(cal.fsas);
  const amount = weighted(cal.amounts);
  const day = weighted(cal.days);
  const surname = weighted(cal.surnames);
  // Ridings: each province gets ridings in proportion to its donors; an FSA belongs to one.
  const byProvince = new Map<string, string[]>();
  for (const f of cal.fsas) byProvince.set(f.province, [...(byProvince.get(f.province) ?? []), f.fsa]);
  const ridings: Array<{ name: string; province: string; fsas: string[] }> = [];
  const ridingOfFsa = new Map<string, number>();
  for (const [prov, fsas] of byProvince) {
    const n = Math.max(1, Math.round(fsas.length / 12));
    const base = ridings.length;
    for (let k = 0; k < n; k++) ridings.push({ name: `${prov} Riding ${k + 1}`, province: prov, fsas: [] });
    fsas.forEach((f, i) => { ridingOfFsa.set(f, base + (i % n)); ridings[base + (i % n)]!.fsas.push(f); });
  }
  const postalIn = (f: string) => `${f}${r.int(10)}${LETTERS[r.int(LETTERS.length)]}${r.int(10)}`;
  const people: Person[] = [];
  const newPerson = (opts: { chinese?: boolean; fsa?: string; postal?: string } = {}): number => {
    const f = opts.postal?.slice(0, 3) ?? opts.fsa ?? fsa(r).fsa;
    const province = cal.fsas.find((x) => x.fsa === f)?.province ?? 'ON';
    const chinese = opts.chinese ?? r.chance(0.12);
    let p: Person;
    if (chinese) {
      const zh = { surname: r.pick(CHINESE_SURNAMES), given: r.chance(0.75) ? [r.pick(CHINESE_GIVEN), r.pick(CHINESE_GIVEN)] : [r.pick(CHINESE_GIVEN)], system: r.int(3) as 0 | 1 | 2 };
      const n = renderChinese(zh.surname, zh.given, zh.system);
      p = { ...n, middle: '', chinese, zh, postal: '', city: '', province, riding: 0, variants: false };
    } else if (province === 'QC' && r.chance(0.7)) {
      p = { last: r.pick(FRENCH_SURNAMES), first: r.pick(FRENCH_GIVEN), middle: '', chinese, postal: '', city: '', province, riding: 0, variants: false };
    } else {
      p = { last: surname(r).name, first: r.pick(ENGLISH_GIVEN), middle: r.chance(0.3) ? LETTERS[r.int(LETTERS.length)]! : '', chinese, postal: '', city: '', province, riding: 0, variants: false };
    }
    p.postal = opts.postal ?? postalIn(f);
    p.city = `City ${f}`;
    p.riding = ridingOfFsa.get(f) ?? 0;
    p.variants = r.chance(0.1);
    people.push(p);
    return people.length - 1;
  };
  const rows: Contribution[] = [];
  const personOfRow: number[] = [];
  const recipientOf = (kind: 'party' | 'association' | 'candidate' | 'nomination', party: string, riding: number, k = 0) => {
    const rd = ridings[riding]!;
    if (kind === 'party') return { id: `P-${PARTIES.indexOf(party)}`, name: party, entity: 'Registered parties', district: '' };
    if (kind === 'association') return { id: `A-${PARTIES.indexOf(party)}-${riding}`, name: `${rd.name} ${party} Association`, entity: 'Registered associations', district: rd.name };
    if (kind === 'candidate') return { id: `C-${PARTIES.indexOf(party)}-${riding}`, name: `Candidate ${PARTIES.indexOf(party)}-${riding}`, entity: 'Candidates', district: rd.name };
    return { id: `N-${PARTIES.indexOf(party)}-${riding}-${k}`, name: `Contestant ${k} ${rd.name}`, entity: 'Nomination contestants', district: rd.name };
  };
  const dateOf = (d: { month: number; day: number }, y = year) => `${y}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const give = (pi: number, rec: ReturnType<typeof recipientOf>, party: string, cents: number, date: string, over: Partial<Contribution> = {}): number => {
    const p = people[pi]!;
    const n = spell(p, r);
    rows.push({
      file: `synthetic-${options.seed}.csv`, row: rows.length + 1, politicalEntity: rec.entity, recipientId: rec.id, recipient: rec.name,
      party, district: rec.district, event: '', contributorType: 'Individuals', contributorName: `${n.last}, ${n.first}${n.middle ? ` ${n.middle}` : ''}`,
      last: n.last, first: n.first, middle: n.middle, city: p.city, province: p.province, postal: p.postal, date, monetaryCents: cents,
      nonMonetaryCents: 0, givenThrough: '', leadershipContestant: '', rollup: false, ...over,
    });
    personOfRow.push(pi);
    return rows.length - 1;
  };
  // Background: loyal donors, most with a history the year before; totals kept under the limit.
  const nPeople = options.people ?? 20_000;
  const homonyms: Array<[number, number]> = [];
  for (let i = 0; i < nPeople; i++) {
    const pi = newPerson();
    if (r.chance(0.03)) {
      const p = people[pi]!;
      const twin = newPerson({ chinese: p.chinese, fsa: p.postal.slice(0, 3) });
      Object.assign(people[twin]!, { last: p.last, first: p.first, zh: p.zh, city: p.city, variants: false });
      if (r.chance(0.5)) { people[twin]!.postal = p.postal; p.middle = 'A'; people[twin]!.middle = 'B'; }
      p.variants = false;
      homonyms.push([pi, twin]);
    }
  }
  const background = people.length;
  for (let pi = 0; pi < background; pi++) {
    const p = people[pi]!;
    const party = PARTIES[(pi * 7 + p.riding) % PARTIES.length]!;
    const gifts = 1 + (r.chance(0.45) ? 1 + r.int(3) : 0);
    const totals = new Map<string, number>();
    if (r.chance(0.65)) give(pi, recipientOf('party', party, p.riding), party, Math.min(limit, Math.round(amount(r).dollars * 100)), dateOf(day(r), year - 1));
    for (let g = 0; g < gifts; g++) {
      const kind = r.chance(0.5) ? 'party' : r.chance(0.5) ? 'association' : 'candidate';
      const bucket = kind === 'party' ? 'party' : 'local';
      const room = limit - (totals.get(bucket) ?? 0);
      const cents = Math.min(room, Math.round(amount(r).dollars * 100));
      if (cents <= 0) continue;
      totals.set(bucket, limit - room + cents);
      give(pi, recipientOf(kind, party, p.riding), party, cents, dateOf(day(r)));
    }
  }
  const schemes: Benchmark['schemes'] = [];
  const negatives: Benchmark['negatives'] = [];
  const someDate = () => dateOf({ month: 2 + r.int(9), day: 1 + r.int(27) });
  const nearLimit = () => Math.round(limit * (0.85 + 0.15 * r.next()) / 100) * 100;
  const freshPostal = (f?: string) => postalIn(f ?? fsa(r).fsa);
  const pickRiding = (not: Set<number> = new Set()) => { let k; do k = r.int(ridings.length); while (not.has(k)); return k; };
  // Straw rings: 3–6 first-time people at one postal code (plus sometimes a second), at or near the limit, within a week.
  for (let s = 0; s < 4; s++) {
    const riding = pickRiding();
    const party = r.pick(PARTIES);
    const rec = recipientOf('candidate', party, riding);
    const start = someDate();
    const same = r.chance(0.5) ? nearLimit() : 0;
    const ringRows: number[] = [];
    const postals = [freshPostal(r.pick(ridings[riding]!.fsas))];
    if (r.chance(0.5)) postals.push(freshPostal(r.pick(ridings[riding]!.fsas)));
    for (const postal of postals) {
      const n = 3 + r.int(3);
      for (let k = 0; k < n; k++) ringRows.push(give(newPerson({ postal }), rec, party, same || nearLimit(), shift(start, r.int(7))));
    }
    schemes.push({ kind: 'straw_ring', recipients: [rec.id], rows: ringRows });
  }
  // One network: hub postal codes whose first-time donors fund six candidates across ridings and provinces in a month.
  {
    const party = r.pick(PARTIES);
    const used = new Set<number>();
    const targets = Array.from({ length: 6 }, () => { const k = pickRiding(used); used.add(k); return recipientOf('candidate', party, k); });
    const start = someDate();
    const netRows: number[] = [];
    for (let h = 0; h < 4; h++) {
      const postal = freshPostal();
      const n = 2 + r.int(2);
      for (let k = 0; k < n; k++) {
        const pi = newPerson({ postal });
        const mine = [targets[(h + k) % 6]!, targets[(h + k + 2) % 6]!, targets[(h * 2 + k + 1) % 6]!];
        for (const t of new Set(mine)) netRows.push(give(pi, t, party, Math.round(limit * (0.3 + 0.25 * r.next()) / 100) * 100 + 5000, shift(start, r.int(28))));
      }
    }
    schemes.push({ kind: 'network', recipients: targets.map((t) => t.id), rows: netRows });
  }
  // Bursts: a nomination contestant funded by first-time donors from another province within ten days.
  for (let b = 0; b < 2; b++) {
    const riding = pickRiding();
    const party = r.pick(PARTIES);
    const rec = recipientOf('nomination', party, riding, b);
    const start = someDate();
    for (let k = 0; k < 3; k++) give(newPerson({ fsa: r.pick(ridings[riding]!.fsas) }), rec, party, 25000, shift(start, -40 - r.int(20)));
    const away = cal.fsas.filter((f) => f.province !== ridings[riding]!.province);
    const burstRows: number[] = [];
    for (let k = 0; k < 8; k++) burstRows.push(give(newPerson({ fsa: r.pick(away).fsa }), rec, party, 20000 + r.int(60) * 1000, shift(start, r.int(10))));
    schemes.push({ kind: 'burst', recipients: [rec.id], rows: burstRows });
  }
  // Limit breaches: association + candidate of one party, over the limit, under two spellings.
  for (let b = 0; b < 3; b++) {
    const pi = newPerson();
    people[pi]!.variants = true;
    const party = r.pick(PARTIES);
    const p = people[pi]!;
    const rowsB = [
      give(pi, recipientOf('association', party, p.riding), party, Math.round(limit * 0.7), someDate()),
      give(pi, recipientOf('candidate', party, p.riding), party, Math.round(limit * 0.7), someDate()),
    ];
    schemes.push({ kind: 'limit_breach', recipients: [rows[rowsB[0]!]!.recipientId, rows[rowsB[1]!]!.recipientId], rows: rowsB });
  }
  // Corporate gifts after 2007.
  for (let c = 0; c < 2; c++) {
    const pi = newPerson({ chinese: false });
    Object.assign(people[pi]!, { last: `${surname(r).name} Holdings Inc.`, first: '', middle: '', variants: false });
    const party = r.pick(PARTIES);
    const row = give(pi, recipientOf('association', party, people[pi]!.riding), party, 100000, someDate(), { contributorType: 'Businesses / Commercial organizations' });
    schemes.push({ kind: 'ineligible_corporate', recipients: [rows[row]!.recipientId], rows: [row] });
  }
  // Hard negatives, a third of them with Chinese-origin names.
  const zh = (i: number) => i % 3 === 0;
  for (let i = 0; i < 40; i++) { // tax-credit couples: two people, $400 each, one day
    const postal = freshPostal(); const party = r.pick(PARTIES); const d = someDate();
    const a = newPerson({ postal, chinese: zh(i) }); const b = newPerson({ postal, chinese: zh(i) });
    const rec = recipientOf('candidate', party, people[a]!.riding);
    negatives.push({ kind: 'couple', chinese: zh(i), rows: [give(a, rec, party, 40000, d), give(b, rec, party, 40000, d)] });
  }
  for (let i = 0; i < 6; i++) { // event tickets: identical odd amounts, one day, many postal codes (some couples)
    const riding = pickRiding(); const party = r.pick(PARTIES); const rec = recipientOf('candidate', party, riding); const d = someDate();
    const price = r.pick([27500, 35000, 52500]); const ev: number[] = [];
    for (let k = 0; k < 25; k++) {
      const postal = freshPostal(r.pick(ridings[riding]!.fsas));
      ev.push(give(newPerson({ postal, chinese: zh(i + k) }), rec, party, price, d));
      if (k % 5 === 0) ev.push(give(newPerson({ postal, chinese: zh(i + k) }), rec, party, price, d));
    }
    negatives.push({ kind: 'event_tickets', chinese: zh(i), rows: ev });
  }
  for (let i = 0; i < 3; i++) { // office towers: a busy building, a lunch where six colleagues give the maximum
    const postal = freshPostal(r.pick(['M5K', 'M5J', 'H3B', 'K1P', 'T2P', 'V6C'].filter((f) => cal.fsas.some((x) => x.fsa === f)) as string[]) || undefined);
    const party = r.pick(PARTIES); const tower: number[] = [];
    const staff = Array.from({ length: 24 }, (_, k) => newPerson({ postal, chinese: zh(i + k) }));
    for (const s of staff.slice(6)) give(s, recipientOf('party', party, people[s]!.riding), party, 50000, dateOf(day(r)));
    const rec = recipientOf('candidate', party, people[staff[0]!]!.riding); const d = someDate();
    for (const s of staff.slice(0, 6)) tower.push(give(s, rec, party, limit, d));
    negatives.push({ kind: 'office_tower', chinese: zh(i), rows: tower });
  }
  for (let i = 0; i < 30; i++) { // monthly donors
    const pi = newPerson({ chinese: zh(i) }); const party = r.pick(PARTIES); const rec = recipientOf('party', party, people[pi]!.riding);
    negatives.push({ kind: 'monthly', chinese: zh(i), rows: Array.from({ length: 12 }, (_, m) => give(pi, rec, party, 13750, dateOf({ month: m + 1, day: 15 }))) });
  }
  { // Dec 31 spike: many gifts booked on the last day
    const party = r.pick(PARTIES); const spike: number[] = [];
    for (let k = 0; k < 60; k++) { const pi = newPerson({ chinese: zh(k) }); spike.push(give(pi, recipientOf('party', party, people[pi]!.riding), party, Math.round(amount(r).dollars * 100), `${year}-12-31`)); }
    negatives.push({ kind: 'dec31', chinese: false, rows: spike });
  }
  for (let i = 0; i < 5; i++) { // candidate fundraisers: first-time donors, mixed amounts up to the maximum, couples at the maximum
    const riding = pickRiding(); const party = r.pick(PARTIES); const rec = recipientOf('candidate', party, riding); const d = someDate(); const fr: number[] = [];
    for (let k = 0; k < 30; k++) {
      const postal = freshPostal(r.pick(ridings[riding]!.fsas));
      const cents = k % 4 === 0 ? limit : Math.round(amount(r).dollars * 100);
      fr.push(give(newPerson({ postal, chinese: zh(i + k) }), rec, party, cents, shift(d, r.int(2))));
      if (k % 4 === 0) fr.push(give(newPerson({ postal, chinese: zh(i + k) }), rec, party, cents, shift(d, r.int(2))));
    }
    negatives.push({ kind: 'fundraiser', chinese: zh(i), rows: fr });
  }
  for (let i = 0; i < 10; i++) { // households giving the maximum, with a giving history
    const postal = freshPostal(); const party = r.pick(PARTIES); const d = someDate(); const hh: number[] = [];
    const members = Array.from({ length: 3 }, () => newPerson({ postal, chinese: zh(i) }));
    const rec = recipientOf('candidate', party, people[members[0]!]!.riding);
    for (const m of members) give(m, recipientOf('party', party, people[m]!.riding), party, 30000, dateOf(day(r), year - 1));
    for (const m of members) hh.push(give(m, rec, party, limit, shift(d, r.int(3))));
    negatives.push({ kind: 'household_max_history', chinese: zh(i), rows: hh });
  }
  return { rows, personOfRow, chinese: people.map((p) => p.chinese), schemes, negatives, homonyms };
}

/** How a person writes their name on one gift: usually the usual way, sometimes a variant. */
function spell(p: Person, r: Random): { last: string; first: string; middle: string } {
  if (!p.variants || r.chance(0.5)) return { last: p.last, first: p.first, middle: p.middle };
  if (p.zh) {
    const other = ((p.zh.system + 1 + r.int(2)) % 3) as 0 | 1 | 2;
    const n = renderChinese(p.zh.surname, p.zh.given, other);
    return r.chance(0.3) ? { last: n.first, first: n.last, middle: '' } : { ...n, middle: '' };
  }
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const choice = r.int(4);
  if (choice === 0 && p.first.includes('-')) return { last: p.last, first: p.first.split('-').map((x) => `${x[0]}.`).join('-'), middle: p.middle };
  if (choice === 1 && /^Ma?c[A-Z]/.test(p.last)) return { last: p.last.replace(/^(Ma?c)/, '$1 '), first: p.first, middle: p.middle };
  if (choice === 2) return { last: p.last.toUpperCase(), first: fold(p.first).replace(/-/g, ' '), middle: p.middle };
  if (choice === 3 && p.middle) return { last: p.last, first: p.first, middle: '' };
  return { last: fold(p.last), first: fold(p.first), middle: p.middle };
}
