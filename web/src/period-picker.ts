import { h } from './dom.js';
import { t } from './i18n/index.js';
import { go } from './router.js';

/** The periods the overview offers, as `vigie report` takes them: whole UTC days. */
export const PERIOD_CHOICES = ['all', 'today', '7d', '30d', 'range'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

/** A chosen period: the API's range (`to` exclusive) and the days as a user reads them (`toDay` included). */
export interface ChosenPeriod {
  choice: PeriodChoice;
  from?: string;
  to?: string;
  fromDay?: string;
  toDay?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const addDays = (day: string, n: number): string => dayOf(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000);
const validDay = (d: string | null): d is string => d !== null && DAY.test(d) && dayOf(Date.parse(`${d}T00:00:00Z`)) === d;

/**
 * The period of the page's parameters: `period=today|7d|30d` counts back from today (UTC),
 * `period=range&from=DAY&to=DAY` takes both days, included; plain `from`/`to` (links from other
 * pages) are passed on as they are; nothing means everything stored.
 *
 * @example
 * chosenPeriod(new URLSearchParams('period=7d'), new Date('2026-12-07T12:00Z')) // { choice: '7d', from: '2026-12-01', to: '2026-12-08', ... }
 */
export function chosenPeriod(params: URLSearchParams, now: Date = new Date()): ChosenPeriod {
  const today = dayOf(now.getTime());
  const back = (choice: PeriodChoice, days: number): ChosenPeriod => {
    const fromDay = addDays(today, -(days - 1));
    return { choice, from: fromDay, to: addDays(today, 1), fromDay, toDay: today };
  };
  const p = params.get('period');
  if (p === 'today') return back('today', 1);
  if (p === '7d') return back('7d', 7);
  if (p === '30d') return back('30d', 30);
  const from = params.get('from');
  const to = params.get('to');
  if (p === 'range' && validDay(from) && validDay(to)) {
    const [a, b] = from <= to ? [from, to] : [to, from];
    return { choice: 'range', from: a, to: addDays(b, 1), fromDay: a, toDay: b };
  }
  if (from || to) return { choice: 'range', ...(from ? { from } : {}), ...(to ? { to } : {}) };
  return { choice: 'all' };
}

/**
 * Buttons for all data, today, 7 days, 30 days, and a range of days (two date fields), which
 * set the page's `period` parameter; `page` is the route to go to (e.g. `#/overview`).
 */
export function periodPicker(page: string, current: ChosenPeriod): HTMLElement {
  const group = h('div', { class: 'segmented', role: 'group', 'aria-label': t('period.label'), 'data-testid': 'period-picker' });
  const fromInput = h('input', { id: 'period-from', type: 'date', value: current.fromDay ?? '', required: true }) as HTMLInputElement;
  const toInput = h('input', { id: 'period-to', type: 'date', value: current.toDay ?? '', required: true }) as HTMLInputElement;
  const form = h('form', { class: 'period-range', 'data-testid': 'period-range' },
    h('label', { for: 'period-from' }, t('period.from')), fromInput,
    h('label', { for: 'period-to' }, t('period.to')), toInput,
    h('button', { type: 'submit', class: 'primary' }, t('period.apply')));
  form.hidden = current.choice !== 'range';
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!validDay(fromInput.value) || !validDay(toInput.value)) return;
    go(`${page}?period=range&from=${fromInput.value}&to=${toInput.value}`);
  });
  for (const choice of PERIOD_CHOICES) {
    const btn = h('button', { type: 'button', 'aria-pressed': String(choice === current.choice), 'data-period': choice }, t(`period.${choice}`));
    btn.addEventListener('click', () => {
      if (choice === 'range') {
        for (const other of group.querySelectorAll('button')) other.setAttribute('aria-pressed', String(other === btn));
        form.hidden = false;
        fromInput.focus();
        return;
      }
      go(choice === 'all' ? page : `${page}?period=${choice}`);
    });
    group.append(btn);
  }
  return h('div', { class: 'period-picker' }, group, form);
}

/** Fills the range's empty date fields with the days the page shows, so a range starts from them. */
export function suggestRange(picker: HTMLElement, fromIso: string, toIso: string): void {
  const from = picker.querySelector<HTMLInputElement>('#period-from');
  const to = picker.querySelector<HTMLInputElement>('#period-to');
  if (from && !from.value) from.value = fromIso.slice(0, 10);
  if (to && !to.value) to.value = toIso.slice(0, 10);
}
