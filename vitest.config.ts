import { defineConfig } from 'vitest/config'

// One run over every workspace project; each package and app has its own vitest config.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'bench/vitest.config.ts',
      'reliability/vitest.config.ts',
      'examples/*/vitest.config.ts',
    ],
  },
})
