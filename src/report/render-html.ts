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
  tr { break-inside: avoid; }
  .warning { background: #fff4e5; border-left: 4px solid #d97706; padding: 0.4rem 0.7rem; font-weight: bold; }
  dl { display: grid; grid-template-columns: 12rem 1fr; gap: 0.15rem 0.8rem; margin: 0.3rem 0 1rem; break-inside: avoid; }
  dt { font-weight: bold; color: #374151; }
  dd { margin: 0; word-break: break-word; }
  code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.88em; }
  footer { margin-top: 2rem; border-top: 1px solid #d0d7de; padding-top: 0.5rem; font-size: 0.85rem; color: #57606a; }
`;

/**
 * A self-contained HTML page (styles inline, no scripts, no external resources), so it can be
 * mailed, archived and printed to PDF as is. Every text from the data is escaped.
 */
export function renderHtml(doc: ReportDocument): string {
  const body = doc.sections
    .map((s) => `<section>\n<h2>${esc(s.heading)}</h2>\n${s.blocks.map(htmlBlock).join('\n')}\n</section>`)
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
<main>
${body}
</main>
<footer><a href="${esc(doc.attribution.url)}">${esc(doc.attribution.text)}</a></footer>
</body>
</html>
`;
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph': return `<p>${esc(block.text)}</p>`;
    case 'warning': return `<p class="warning" role="alert">${esc(block.text)}</p>`;
    case 'list': return `<ul>${block.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'facts': return `<h3>${esc(block.title)}</h3>\n<dl>${block.facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
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
