import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'server/index': 'src/server/index.ts',
    'client/index': 'src/client/index.ts',
    'testing/index': 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  // Shared chunks in both formats: one copy of each module (VolleyError included) per format, whichever
  // entry loads it. tsup splits ESM by default; CommonJS only when asked.
  splitting: true,
  dts: true,
  sourcemap: true,
  clean: true,
  external: ['socket.io', 'socket.io-client'],
})
