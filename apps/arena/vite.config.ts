import { defaultClientConditions, defineConfig } from 'vite'

// Plain TypeScript and a canvas: no framework plugin.
export default defineConfig({
  resolve: { conditions: ['@volley/source', ...defaultClientConditions] },
  build: { outDir: 'dist/client', emptyOutDir: true },
})
