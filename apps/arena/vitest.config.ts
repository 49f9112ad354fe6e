import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['@volley/source'] },
  ssr: { resolve: { conditions: ['@volley/source'] } },
  test: { name: 'arena', environment: 'node', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
})
