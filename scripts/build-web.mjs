#!/usr/bin/env node
// Builds the dashboard (web/) into dist/web/: type-checks it (the build fails on a type error),
// bundles web/src/main.ts with esbuild into app.js, and copies the page, the styles and the
// offline map data. `vigie serve` serves dist/web at /.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
const require = createRequire(import.meta.url);

const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'web', 'tsconfig.json'), '--noEmit'], { stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('build-web: the dashboard has type errors (above); nothing was built');
  process.exit(1);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'data'), { recursive: true });
await build({
  entryPoints: [join(root, 'web', 'src', 'main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const file of ['index.html', 'app.css', 'favicon.svg']) copyFileSync(join(root, 'web', file), join(out, file));
// The world's country shapes (Natural Earth, public domain; world-atlas is ISC), fetched by the map page.
const atlas = dirname(require.resolve('world-atlas/package.json'));
copyFileSync(join(atlas, 'countries-110m.json'), join(out, 'data', 'countries-110m.json'));
copyFileSync(join(atlas, 'LICENSE'), join(out, 'data', 'LICENSE-world-atlas.txt'));
console.log(`build-web: dashboard built in ${out}`);
