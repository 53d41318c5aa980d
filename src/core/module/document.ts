/**
 * A report laid out once, written as Markdown, HTML or PDF: the blocks every module's report
 * section is made of.
 */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'warning'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][]; numeric: boolean[] }
  | { kind: 'facts'; title: string; facts: Array<[string, string]> };

export interface Section {
  heading: string;
  blocks: Block[];
}
