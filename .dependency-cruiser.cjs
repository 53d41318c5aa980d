/**
 * vigie's one-way layering (see DESIGN.md): core <- modules <- entry points.
 * `npm test` runs this check, so the rule cannot rot.
 */
const MODULES = ['geo', 'web', 'finance', 'influence', 'tips', 'report'];

module.exports = {
  forbidden: [
    {
      name: 'core-imports-nothing-above',
      comment: 'src/core holds domain types and pure logic; it imports no other layer.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(?!core/)' },
    },
    ...MODULES.map((m) => ({
      name: `${m}-imports-no-other-module`,
      comment: 'Modules never import each other: entry points wire them through core interfaces.',
      severity: 'error',
      from: { path: `^src/${m}/` },
      to: { path: `^src/(${MODULES.filter((x) => x !== m).join('|')}|cli|server|bus)/` },
    })),
    {
      name: 'store-imports-only-core',
      comment: 'The store sits under the modules: it may import core only.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: `^src/(${MODULES.join('|')}|cli|server|bus)/` },
    },
    {
      name: 'no-entry-point-imports-from-below',
      comment: 'Nothing below the entry points imports cli or server.',
      severity: 'error',
      from: { path: '^src/(?!cli/|server/)' },
      to: { path: '^src/(cli|server)/' },
    },
    {
      name: 'server-imports-no-cli',
      comment: 'The server is started by the CLI, never the other way round: what both need lives in a module or core.',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'entry-points-see-modules-through-their-index',
      comment: "cli and server use a module's public surface (src/<module>/index.ts), never its internals.",
      severity: 'error',
      from: { path: '^src/(cli|server)/' },
      to: { path: `^src/(${MODULES.join('|')})/`, pathNot: `^src/((${MODULES.join('|')})|report/queries)/index\\.ts$` },
    },
    {
      name: 'only-entry-points-import-the-registry',
      comment: 'The module registry is read by the entry points (cli, server); a module never sees the list it is on.',
      severity: 'error',
      from: { path: '^src/(?!cli/|server/|registry/)' },
      to: { path: '^src/registry/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
