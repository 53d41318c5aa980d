import type { Block, ReportDocument } from './document.js';

const CSS = `
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1b1f24; line-height: 1.45; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; font-size: 11pt; }
  h1 { font-size: 1.7rem; margin-bottom: 0.2rem; color: #0b3d62; }
  h2 { font-size: 1.2rem; margin-top: 1.8rem; border-bottom: 2px solid #0b3d62; padding-bottom: 0.2rem; color: #0b3d62; break-after: avoid; }
  h3 { font-size: 1rem; margin: 1rem 0 0.3rem; }
  .subtitle { font-size: 1.05rem; margin: 0; }
  .generated { color: #57606a; font-size: 0.9rem; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.92rem; break-inside: auto; }
  th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
  th { background: #eef3f8; }
  td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.num { width: 1%; }
  tr { break-inside: avoid; }
  .warning { background: #fff4e5; border-left: 4px solid #d97706; padding: 0.4rem 0.7rem; font-weight: bold; }
  dl { display: grid; grid-template-columns: 12rem 1fr; gap: 0.15rem 0.8rem; margin: 0.3rem 0 1rem; break-inside: avoid; }
  dt { font-weight: bold; color: #374151; }
  dd { margin: 0; word-break: break-word; }
  code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.88em; }
  footer { margin-top: 2rem; border-top: 1px solid #d0d7de; padding-top: 0.5rem; font-size: 0.85rem; color: #57606a; }
  .keep { break-inside: avoid; }
  nav.toc ol { list-style: none; padding: 0; margin: 0.5rem 0 0; }
  nav.toc li { display: flex; align-items: baseline; gap: 0.4rem; padding: 0.15rem 0; }
  nav.toc a { color: inherit; text-decoration: none; }
  nav.toc .dots { flex: 1; border-bottom: 1px dotted #8c959f; }
  nav.toc .page { min-width: 2.5em; text-align: right; font-variant-numeric: tabular-nums; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; }
    h1, h2, h3 { break-after: avoid; break-inside: avoid; }
    p, li, dl, .warning, thead { break-inside: avoid; }
  }
`;

/** The table of contents of a printed report: each section's page (`'placeholder'` lays it out with stand-in numbers). */
export type Toc = ReadonlyMap<number, number> | 'placeholder';

/** The anchor of the `i`-th section (also the PDF's named destination, see render-pdf.ts). */
export const sectionId = (i: number): string => `s-${i + 1}`;

/**
 * A self-contained HTML page (styles inline, no scripts, no external resources), so it can be
 * mailed, archived and printed to PDF as is. Every text from the data is escaped.
 */
export function renderHtml(doc: ReportDocument, toc?: Toc): string {
  // A heading and its first block stay on one page (a long table may still break, after its first rows).
  const body = doc.sections
    .map((s, i) => {
      const [first, ...rest] = s.blocks.map(htmlBlock);
      const head = `<h2 id="${sectionId(i)}">${esc(s.heading)}</h2>`;
      const opening = first === undefined ? head : s.blocks[0]!.kind === 'table' ? `${head}\n${first}` : `<div class="keep">${head}\n${first}</div>`;
      return `<section>\n${opening}\n${rest.join('\n')}\n</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${doc.lang === 'fr' ? 'fr-CA' : 'en-CA'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(doc.title)}</h1>
<p class="subtitle">${esc(doc.subtitle)}</p>
<p class="generated">${esc(doc.generated)}</p>
</header>
${toc === undefined ? '' : tocHtml(doc, toc)}
<main>
${body}
</main>
<footer><a href="${esc(doc.attribution.url)}">${esc(doc.attribution.text)}</a></footer>
</body>
</html>
`;
}

function tocHtml(doc: ReportDocument, toc: Toc): string {
  const items = doc.sections.map((s, i) => {
    const page = toc === 'placeholder' ? '00' : String(toc.get(i) ?? '');
    return `<li><a href="#${sectionId(i)}">${esc(s.heading)}</a><span class="dots"></span><span class="page">${page}</span></li>`;
  });
  return `<nav class="toc" aria-labelledby="toc">\n<h2 id="toc">${esc(doc.print.contents)}</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</nav>`;
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph': return `<p>${esc(block.text)}</p>`;
    case 'warning': return `<p class="warning" role="alert">${esc(block.text)}</p>`;
    case 'list': return `<ul>${block.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'facts': return `<div class="keep"><h3>${esc(block.title)}</h3>\n<dl>${block.facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl></div>`;
    case 'table': {
      const cls = (i: number): string => (block.numeric[i] ? ' class="num"' : '');
      const head = block.head.map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`).join('');
      const rows = block.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`).join('\n');
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
    }
  }
}

/** HTML-escape text from logs and data: a hostile path or user agent stays text. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
