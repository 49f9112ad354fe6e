import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  external: ['@volley/core', '@socket.io/redis-streams-adapter', 'ioredis', 'socket.io'],
})
