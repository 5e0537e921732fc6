/**
 * Boundary rules: a capability folder under src/ is reached from another one only through its
 * index.ts, and nothing may form a cycle.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles make capabilities impossible to load, test or reason about on their own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'capability-through-index',
      severity: 'error',
      comment:
        'Import another capability only through its public index.ts. The leaf modules of src/core ' +
        '(errors, env, clock, ids, logger) may be imported directly so entry points stay light.',
      from: { path: '^src/([^/]+)/' },
      to: {
        path: '^src/([^/]+)/.+',
        pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$', '^src/core/[^/]+\\.ts$'],
      },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      comment: 'Production code must not import test files.',
      from: { pathNot: '\\.test\\.ts$' },
      to: { path: '\\.test\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    exclude: { path: '\\.test\\.ts$' },
  },
};
