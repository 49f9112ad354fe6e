import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@volley/source'] },
  ssr: { resolve: { conditions: ['@volley/source'] } },
  test: {
    name: 'next',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
