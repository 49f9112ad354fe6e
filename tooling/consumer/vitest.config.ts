import { defineConfig } from 'vitest/config'

// Not part of the root `vitest run` (that one reads source): this suite needs `pnpm run build` first.
export default defineConfig({
  test: {
    name: 'consumer',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['src/globalSetup.ts'],
    // The work is npm, tsc, vite and node child processes: run the files side by side.
    maxWorkers: 4,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
})
