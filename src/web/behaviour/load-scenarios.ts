import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { VigieError } from '../../core/index.js';
import { WEB_RULES_DIR } from '../detect/rules-dir.js';
import { scenarioSchema, type Scenario } from './scenario-schema.js';

/** Where the shipped behaviour scenarios live: `rules/behaviour` in the package. */
export const BEHAVIOUR_RULES_DIR = join(dirname(WEB_RULES_DIR), 'behaviour');

/**
 * Reads and validates every `<id>.yaml` scenario in `dir`, sorted by id. Every problem in
 * every file is collected and thrown as one `VIGIE_ERR_CONFIG` error, a line per problem
 * with file and key path.
 *
 * @example
 * const scenarios = loadScenarios(); // rules/behaviour
 */
export function loadScenarios(dir: string = BEHAVIOUR_RULES_DIR): Scenario[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  } catch (err) {
    throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `${dir}: cannot read the behaviour scenarios folder; check the path`, { cause: err });
  }
  const scenarios: Scenario[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const result = parseScenarioFile(file, readFileSync(file, 'utf8'));
    if (typeof result === 'string') problems.push(result);
    else scenarios.push(result);
  }
  if (problems.length > 0) throw new VigieError('VIGIE_ERR_CONFIG', `invalid behaviour scenarios:\n  ${problems.join('\n  ')}`);
  return scenarios.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * One scenario file's text: the scenario, or its problems as `file: key.path: message` lines.
 *
 * @example
 * parseScenarioFile('x.yaml', 'id: x\nwindow: 60') // "x.yaml: (root): Unrecognized key…"
 */
export function parseScenarioFile(file: string, text: string): Scenario | string {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => `${file}:${e.linePos?.[0].line ?? 1}: YAML: ${e.message.split('\n')[0]}`).join('\n  ');
  }
  const parsed = scenarioSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return parsed.error.issues
      .map((i) => `${file}: ${i.path.length === 0 ? '(root)' : i.path.join('.')}: ${i.message}`)
      .join('\n  ');
  }
  const expected = basename(file).replace(/\.ya?ml$/, '');
  if (parsed.data.id !== expected) return `${file}: id: \`${parsed.data.id}\` must match the file name \`${expected}\``;
  return parsed.data;
}
