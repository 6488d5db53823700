import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'server/src/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration and browser tests start real servers on ephemeral ports; keep them from starving each other on 2 cores.
    maxWorkers: 2,
  },
});
