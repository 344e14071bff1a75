import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources: the "@toolwright/source" export
// condition maps each workspace package to its src/ (no build needed).
const conditions = ['@toolwright/source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@toolwright/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'tests/fixtures/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    typecheck: { enabled: true, include: ['packages/*/test/**/*.test-d.ts', 'tests/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
