import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * One attack payload shipped in data/demo/attack-payloads.jsonl (built by
 * scripts/build-demo-payloads.mjs from PayloadsAllTheThings and OWASP CRS regression tests).
 */
export interface AttackPayload {
  readonly id: string;
  /** sqli, xss, path_traversal, lfi, cmdi, ssti, nosqli, ldapi, rfi, php, generic, java, session_fixation. */
  readonly class: string;
  readonly source: 'patt' | 'crs';
  /** PayloadsAllTheThings: a query-string value, minimally percent-encoded. */
  readonly value?: string;
  /** CRS: the test's whole request target (path `/get` stands for any page). */
  readonly uri?: string;
  /** CRS: a User-Agent carrying the attack, when the test puts it there. */
  readonly ua?: string;
}

const FILE_NAME = join('data', 'demo', 'attack-payloads.jsonl');

/** Finds data/demo/ by walking up from this module (works from src/ under tsx and from dist/). */
export function demoDataPath(fileName: string = FILE_NAME): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, fileName);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`vigie demo: ${fileName} not found above ${fileURLToPath(import.meta.url)}`);
}

/**
 * Reads the shipped payloads, grouped by class.
 *
 * @example
 * const byClass = loadAttackPayloads();
 * byClass.get('sqli')?.length; // a few hundred
 */
export function loadAttackPayloads(path: string = demoDataPath()): Map<string, AttackPayload[]> {
  const byClass = new Map<string, AttackPayload[]>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const payload = JSON.parse(line) as AttackPayload;
    const list = byClass.get(payload.class) ?? [];
    list.push(payload);
    byClass.set(payload.class, list);
  }
  return byClass;
}
