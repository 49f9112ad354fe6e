import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: {
    conditions: ['@volley/source'],
    // The README quick start imports the package by name.
    alias: { '@volley/react': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  ssr: { resolve: { conditions: ['@volley/source'] } },
  test: {
    name: 'react',
    environment: 'happy-dom',
    include: ['test/**/*.test.{ts,tsx}'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.{ts,tsx}'], tsconfig: './tsconfig.json' },
    testTimeout: 20_000,
  },
})
