/**
 * Module boundaries, checked by dependency-cruiser in the test suite (src/architecture.test.ts).
 * ARCHITECTURE.md: the domain is pure; the platform imports no module (the composition root,
 * src/app.ts and src/schema.ts, gathers them); a module reaches another through its service or a
 * published query, never its tables.
 */

module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-module',
      severity: 'error',
      comment: 'The platform is technical ground: it may not import a module, the CLI or the composition root.',
      from: { path: '^src/platform/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(modules/|cli/|app\\.ts$|schema\\.ts$)' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain does no I/O and imports nothing outside itself (zod for its schemas).',
      from: { path: '^src/domain/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^src/domain/', '^node_modules/zod/'] },
    },
    {
      name: 'module-reads-only-its-own-tables',
      severity: 'error',
      comment: "A module reaches another through its service or a published query, never through its schema (its tables).",
      from: { path: '^src/modules/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/modules/([^/]+)/schema\\.ts$', pathNot: '^src/modules/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    // TypeScript's NodeNext resolution, so `./schema.js` is found as schema.ts.
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)node_modules/' },
  },
};
