// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'tsup'
import { afterAll, expect, it } from 'vitest'

const outDir = mkdtempSync(join(tmpdir(), 'volley-react-build-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

it("builds files that start with 'use client', so a Server Component may import the package", async () => {
  await build({
    config: fileURLToPath(new URL('../tsup.config.ts', import.meta.url)),
    entry: { index: fileURLToPath(new URL('../src/index.ts', import.meta.url)) },
    outDir,
    dts: false,
    sourcemap: false,
    silent: true,
  })
  for (const file of ['index.js', 'index.cjs']) {
    expect(readFileSync(join(outDir, file), 'utf8').split('\n')[0]).toBe("'use client'")
  }
})
