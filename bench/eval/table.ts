import type { EvalSection } from './types.js';

/**
 * The evaluation as a plain-text table per section: dataset, metric, hits/total, value, goal,
 * whether it is met, the peer's figure, then the detail on its own indented line.
 *
 * @example
 * console.log(evalTable([{ name: 'signatures', rows }]));
 */
export function evalTable(sections: readonly EvalSection[]): string {
  const out: string[] = [];
  for (const section of sections) {
    out.push('', `== ${section.name}`);
    const cells = section.rows.map((r) => [
      r.dataset,
      r.metric,
      `${r.hits.toLocaleString('en-CA')}/${r.total.toLocaleString('en-CA')}`,
      `${r.value_pct.toFixed(2)}%`,
      r.goal,
      r.goal === 'report' ? '' : r.met ? 'met' : 'NOT MET',
      r.peer ?? '',
    ]);
    const header = ['dataset', 'metric', 'hits/total', 'value', 'goal', '', 'peer'];
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
    const line = (c: string[]): string => c.map((v, i) => (i === 2 || i === 3 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
    out.push(line(header));
    section.rows.forEach((r, k) => {
      out.push(line(cells[k]!));
      if (r.detail !== undefined) out.push(`    ${r.detail}`);
    });
  }
  return out.join('\n');
}
