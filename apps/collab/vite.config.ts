import vue from '@vitejs/plugin-vue'
import { defaultClientConditions, defineConfig } from 'vite'

export default defineConfig({
  plugins: [vue()],
  resolve: { conditions: ['@volley/source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true },
})
