import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { ruleSchema, type WebRule } from './rule-schema.js';
import { WEB_RULES_DIR } from './rules-dir.js';

/**
 * Reads and validates every `<id>.yaml` rule in `dir` (not its sub-folders), sorted by id.
 * Every problem in every file is collected, then thrown as one `VIGIE_ERR_CONFIG` error, one
 * line per problem with file and key path, so a rule author fixes them all in one go.
 *
 * @example
 * const rules = loadRules();               // the shipped rules/web
 * const mine = loadRules('./my-rules');    // a folder of your own
 */
export function loadRules(dir: string = WEB_RULES_DIR): WebRule[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  } catch (err) {
    throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `${dir}: cannot read the rules folder; check the path`, { cause: err });
  }
  const rules: WebRule[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const result = parseRuleFile(file, readFileSync(file, 'utf8'));
    if (typeof result === 'string') {
      problems.push(result);
      continue;
    }
    const other = seen.get(result.id);
    if (other !== undefined) problems.push(`${file}: id: \`${result.id}\` is already used by ${other}`);
    seen.set(result.id, file);
    rules.push(result);
  }
  if (problems.length > 0) {
    throw new VigieError('VIGIE_ERR_CONFIG', `invalid web rules:\n  ${problems.join('\n  ')}`);
  }
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Parses and validates one rule file's text: the rule, or every problem found as lines of
 * `file: key.path: message`.
 *
 * @example
 * parseRuleFile('x.yaml', 'id: x\nclasss: sqli') // "x.yaml: (root): unrecognized key..."
 */
export function parseRuleFile(file: string, text: string): WebRule | string {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    return doc.errors
      .map((e) => `${file}:${e.linePos?.[0].line ?? 1}: YAML: ${e.message.split('\n')[0]}`)
      .join('\n  ');
  }
  const parsed = ruleSchema.safeParse(doc.toJS());
  if (!parsed.success) return formatIssues(file, parsed.error.issues);
  const expected = basename(file).replace(/\.ya?ml$/, '');
  if (parsed.data.id !== expected) {
    return `${file}: id: \`${parsed.data.id}\` must match the file name \`${expected}\``;
  }
  return parsed.data;
}

function formatIssues(file: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.length === 0 ? '(root)' : issue.path.join('.');
      return `${file}: ${path}: ${issue.message}`;
    })
    .join('\n  ');
}
