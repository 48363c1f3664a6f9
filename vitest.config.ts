import { defineConfig } from 'vitest/config';

/**
 * One test command for the whole repo. `support-bot-source` resolves workspace packages to their TypeScript
 * sources, so tests never run against a stale build.
 */
export default defineConfig({
  resolve: { conditions: ['support-bot-source'] },
  ssr: {
    resolve: { conditions: ['support-bot-source'], externalConditions: ['support-bot-source'] },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
