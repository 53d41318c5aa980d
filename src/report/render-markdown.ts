import type { Block, ReportDocument } from './document.js';

/** Markdown text of a report: pipes and line breaks in cells are escaped, so tables hold. */
export function renderMarkdown(doc: ReportDocument): string {
  const out: string[] = [`# ${doc.title}`, '', doc.subtitle, '', `_${doc.generated}_`, ''];
  for (const section of doc.sections) {
    out.push(`## ${section.heading}`, '');
    for (const block of section.blocks) out.push(...markdownBlock(block), '');
  }
  out.push('---', '', `[${doc.attribution.text}](${doc.attribution.url})`, '');
  return out.join('\n');
}

function markdownBlock(block: Block): string[] {
  switch (block.kind) {
    case 'paragraph': return [text(block.text)];
    case 'warning': return [`> **${text(block.text)}**`];
    case 'list': return block.items.map((i) => `- ${text(i)}`);
    case 'facts': return [`### ${text(block.title)}`, '', ...block.facts.map(([k, v]) => `- **${text(k)}**: ${text(v)}`)];
    case 'table': return [
      `| ${block.head.map(cell).join(' | ')} |`,
      `|${block.numeric.map((r) => (r ? ' ---: ' : ' --- ')).join('|')}|`,
      ...block.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    ];
  }
}

/** Text from logs (paths, fragments) must not turn into Markdown: escape its syntax. */
function text(s: string): string {
  return s.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

function cell(s: string): string {
  return text(s);
}
