import { defineConfig, defaultClientConditions } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@volley/source', ...defaultClientConditions] },
  build: { outDir: 'dist/client', emptyOutDir: true },
})
