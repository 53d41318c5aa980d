/**
 * `npm run eval`: how well vigie detects web attacks, on the labelled corpora in
 * ../shared/corpora/http, printed as a table per data set and class and written to
 * bench/out/eval.json. Sections owned by other modules (learned baseline, behaviour, geo) are
 * loaded when their file exists, so the evaluation runs whatever has been built.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evalCrs } from './crs.js';
import { evalFreeText } from './free-text.js';
import { createScanner } from './scanner.js';
import { evalCsicSignatures, evalPayloadLists } from './signatures.js';
import { evalTable } from './table.js';
import type { EvalSection } from './types.js';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Optional sections: module path relative to this file, and the function it exports. */
const OPTIONAL: ReadonlyArray<[string, string]> = [
  ['./csic.js', 'evalCsic'],
  ['./behaviour.js', 'evalBehaviour'],
  ['./low-slow.js', 'evalLowSlow'],
  ['./operator.js', 'evalOperator'],
  ['../geo-eval.js', 'evalGeo'],
  ['./finance.js', 'evalFinance'],
];

/** The folder holding package.json, from `bench/eval/` (tsx) or `dist/bench/eval/` alike. */
function projectRoot(): string {
  let dir = HERE;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('eval: package.json not found');
    dir = up;
  }
  return dir;
}

type SectionFn = () => Promise<EvalSection>;

/** Runs one optional section; a missing module is a note, a failing one an error row. */
async function optionalSection(path: string, name: string, notes: string[]): Promise<EvalSection | undefined> {
  const file = join(HERE, path);
  // Checked before importing: a module without the export may still run a script on import.
  if (!existsSync(file) || !readFileSync(file, 'utf8').includes(name)) {
    notes.push(`${path.replace(/\.js$/, '.ts')} has no ${name}() yet: section skipped`);
    return undefined;
  }
  // A computed specifier: tsc must not resolve it, so a missing file never breaks the build.
  const specifier: string = path;
  const mod = (await import(specifier)) as Record<string, unknown>;
  const fn = mod[name];
  if (typeof fn !== 'function') {
    notes.push(`${path} does not export ${name}(): section skipped`);
    return undefined;
  }
  return (fn as SectionFn)();
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  process.stderr.write(`eval: ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

async function main(): Promise<number> {
  const scan = await createScanner();
  const sections: EvalSection[] = [];
  const notes: string[] = [];
  // `--only crs,payloads,csic,...`: run just those sections (all of them without the flag).
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt < 0 ? undefined : new Set((process.argv[onlyAt + 1] ?? '').split(','));
  const wanted = (key: string): boolean => only === undefined || only.has(key);
  if (wanted('payloads')) sections.push(await timed('payload lists', () => evalPayloadLists(scan)));
  if (wanted('crs')) sections.push(await timed('CRS regression', () => evalCrs(scan)));
  if (wanted('csic')) sections.push(await timed('csic2010 signatures', () => evalCsicSignatures(scan)));
  if (wanted('text')) sections.push(await timed('free text', () => evalFreeText(scan)));
  for (const [path, name] of OPTIONAL) {
    if (!wanted(name.replace(/^eval/, '').toLowerCase())) continue;
    try {
      const section = await timed(name, () => optionalSection(path, name, notes));
      if (section !== undefined) sections.push(section);
    } catch (err) {
      notes.push(`${name}() failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  }
  console.log(evalTable(sections));
  for (const note of notes) console.log(`note: ${note}`);
  if (only !== undefined) return 0; // a partial run must not overwrite the full bench/out/eval.json
  const outDir = join(projectRoot(), 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, 'eval.json');
  writeFileSync(outFile, JSON.stringify({ generated: new Date().toISOString(), sections, notes }, null, 2) + '\n');
  console.log(`\nwritten: ${outFile}`);
  return 0;
}

process.exitCode = await main();
