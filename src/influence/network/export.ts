import type { NetworkEdge } from './qut-network.js';

const quote = (s: string | number): string => `"${String(s).replace(/"/g, '""')}"`;

/** Gephi edge CSV as the QUT toolkit writes it: `"source","target","weight","edge_type"`, every field quoted. */
export function edgesCsv(edges: readonly NetworkEdge[], type: string): string {
  return ['source,target,weight,edge_type'.split(',').map(quote).join(',')]
    .concat(edges.map((e) => [e.source, e.target, e.weight, type].map(quote).join(','))).join('\r\n') + '\r\n';
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The same directed edges as GraphML (Gephi, networkx, yEd). */
export function edgesGraphml(edges: readonly NetworkEdge[], type: string): string {
  const nodes = [...new Set(edges.flatMap((e) => [e.source, e.target]))].sort();
  return `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="weight" for="edge" attr.name="weight" attr.type="long"/>
  <key id="edge_type" for="edge" attr.name="edge_type" attr.type="string"/>
  <graph edgedefault="directed">
${nodes.map((n) => `    <node id="${xml(n)}"/>`).join('\n')}
${edges.map((e) => `    <edge source="${xml(e.source)}" target="${xml(e.target)}"><data key="weight">${e.weight}</data><data key="edge_type">${xml(type)}</data></edge>`).join('\n')}
  </graph>
</graphml>
`;
}

/** The same directed edges as GEXF 1.3 (Gephi). */
export function edgesGexf(edges: readonly NetworkEdge[], type: string): string {
  const nodes = [...new Set(edges.flatMap((e) => [e.source, e.target]))].sort();
  return `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <meta><creator>vigie</creator><description>${xml(type)}</description></meta>
  <graph defaultedgetype="directed">
    <nodes>
${nodes.map((n) => `      <node id="${xml(n)}" label="${xml(n)}"/>`).join('\n')}
    </nodes>
    <edges>
${edges.map((e, i) => `      <edge id="${i}" source="${xml(e.source)}" target="${xml(e.target)}" weight="${e.weight}"/>`).join('\n')}
    </edges>
  </graph>
</gexf>
`;
}
