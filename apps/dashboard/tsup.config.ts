import { defineConfig } from 'tsup'

// The custom server, compiled for `node dist/server/main.js` (dependencies stay external).
export default defineConfig({
  entry: { 'server/main': 'server/main.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  outDir: 'dist',
})
