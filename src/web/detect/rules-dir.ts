import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root: the nearest folder above this file holding `package.json`. Walking up
 * works the same from `src/web/detect/` (tsx) and from `dist/src/web/detect/` (compiled).
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`vigie: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/**
 * Where the shipped web signature rules live: `rules/web` in the package.
 *
 * @example
 * const rules = loadRules(WEB_RULES_DIR);
 */
export const WEB_RULES_DIR = join(packageRoot(), 'rules', 'web');
