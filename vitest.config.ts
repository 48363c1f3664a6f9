import { defineConfig } from 'vitest/config';

/**
 * One test command for the whole repo. `source` resolves workspace packages to their TypeScript
 * sources, so tests never run against a stale build.
 */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
