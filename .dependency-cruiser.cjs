/**
 * Module boundaries, checked by dependency-cruiser in the test suite (src/architecture.test.ts).
 * ARCHITECTURE.md: the domain is pure; the platform imports no module (the composition root,
 * src/app.ts and src/schema.ts, gathers them); a module reaches another through its service or a
 * published query, never its tables.
 */

/**
 * Reads of another module's tables that predate the boundary check. Each is to become a published
 * query of the owning module (issue #11); the list only shrinks.
 */
const KNOWN_TABLE_READS = [
  '^src/modules/correspondence/(case-letters|correspondence-routes|letters-section)\\.ts$',
  '^src/modules/casework/(case-actions|carry-over|case-rows|carry-over-rows|projector)\\.ts$',
  '^src/modules/finance/(missed-instalments|payable)\\.ts$',
  '^src/modules/enforcement/(debt-service|detention-routes|detention-commands|debt-commands|case-actions)\\.ts$',
];

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
      from: { path: '^src/modules/([^/]+)/', pathNot: ['\\.test\\.ts$', ...KNOWN_TABLE_READS] },
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
