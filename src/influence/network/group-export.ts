import { csvDocument } from '../../core/index.js';

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const iso = (ts: unknown): string => new Date(Number(ts) * 1000).toISOString().replace('.000Z', 'Z');

/** Columns of a group's evidence CSV. */
export const EVIDENCE_CSV_COLUMNS = ['signal', 'item', 'gap_secs', 'account_a', 'post_a', 'time_a', 'file_a', 'line_a', 'text_a', 'account_b', 'post_b', 'time_b', 'file_b', 'line_b', 'text_b'] as const;

/**
 * A group's evidence as CSV: one row per pair of posts that acted together, with the time gap
 * and where each post is. Posts are written by the accounts under study: a text that a
 * spreadsheet would run as a formula is defused (a quote before it).
 */
export function evidenceCsv(rows: ReadonlyArray<Record<string, unknown>>): string {
  return csvDocument(EVIDENCE_CSV_COLUMNS, rows.map((r) => [
    r.signal, r.item, Number(r.gap_secs), r.account_a, r.post_a, iso(r.ts_a), r.file_a, Number(r.line_a), r.text_a,
    r.account_b, r.post_b, iso(r.ts_b), r.file_b, Number(r.line_b), r.text_b,
  ]));
}

/** The group's accounts and how often each two acted together, as GraphML or GEXF (Gephi). */
export function accountGraph(rows: ReadonlyArray<Record<string, unknown>>, gexf: boolean): string {
  const weights = new Map<string, number>();
  for (const r of rows) {
    const [a, b] = [String(r.account_a), String(r.account_b)].sort();
    weights.set(`${a}\u0001${b}`, (weights.get(`${a}\u0001${b}`) ?? 0) + 1);
  }
  const nodes = [...new Set([...weights.keys()].flatMap((k) => k.split('\u0001')))].sort();
  const edges = [...weights.entries()].map(([k, w]) => ({ a: k.split('\u0001')[0]!, b: k.split('\u0001')[1]!, w }));
  if (gexf) {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n  <graph defaultedgetype="undirected">\n    <nodes>\n${nodes.map((n) => `      <node id="${xml(n)}" label="${xml(n)}"/>`).join('\n')}\n    </nodes>\n    <edges>\n${edges.map((e, i) => `      <edge id="${i}" source="${xml(e.a)}" target="${xml(e.b)}" weight="${e.w}"/>`).join('\n')}\n    </edges>\n  </graph>\n</gexf>\n`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n  <key id="weight" for="edge" attr.name="weight" attr.type="long"/>\n  <graph edgedefault="undirected">\n${nodes.map((n) => `    <node id="${xml(n)}"/>`).join('\n')}\n${edges.map((e) => `    <edge source="${xml(e.a)}" target="${xml(e.b)}"><data key="weight">${e.w}</data></edge>`).join('\n')}\n  </graph>\n</graphml>\n`;
}
