import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  external: ['react', '@volley/core'],
  // Hooks and the provider are client code: in the Next.js App Router, importing the package from a Server
  // Component must not run React's client APIs there (the built files are a client boundary).
  banner: { js: "'use client'" },
})
