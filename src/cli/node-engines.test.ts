import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import test from 'node:test';

// README promises Node 20: every locked package must accept the oldest Node that package.json's
// `engines` allows, or `npm ci` warns EBADENGINE (issue 17: cookie@2 and content-disposition@3
// want Node 22; @fastify/cookie, @fastify/static and light-my-request are pinned below them).
const semver = createRequire(import.meta.url)('semver') as { minVersion(range: string): { version: string }; satisfies(v: string, range: string): boolean };

test('every package in package-lock.json runs on the oldest Node package.json allows', () => {
  const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { engines: { node: string } };
  const oldest = semver.minVersion(pkg.engines.node).version;
  assert.equal(oldest.split('.')[0], '20', 'README says Node 20');
  const lock = JSON.parse(readFileSync(resolve('package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
  const refusing = Object.entries(lock.packages)
    .filter(([path, m]) => path !== '' && m.engines && !Array.isArray(m.engines) && m.engines.node && !semver.satisfies(oldest, m.engines.node))
    .map(([path, m]) => `${path.replace(/^.*node_modules\//, '')} wants ${(m.engines as { node: string }).node}`);
  assert.deepEqual(refusing, []);
});
