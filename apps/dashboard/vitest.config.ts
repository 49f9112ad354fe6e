import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@volley/source'] },
  ssr: { resolve: { conditions: ['@volley/source'] } },
  test: { name: 'dashboard', environment: 'node', include: ['test/**/*.test.ts'], testTimeout: 20_000 },
})
