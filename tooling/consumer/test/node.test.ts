// Node users: every package installed from its tarball with npm in a folder outside the repository, used
// from ESM and CommonJS at run time, and from TypeScript in every resolution mode.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { run, runOk } from '../src/exec'
import { installScenario, nodeScenario } from '../src/scenarios'
import { sizeBudgets } from './sizeBudgets'

const { work, packed } = inject('consumer')
let folder = ''

beforeAll(async () => {
  folder = await installScenario(nodeScenario, packed, work)
  for (const extension of ['mts', 'cts']) {
    copyFileSync(join(folder, 'types/check.ts'), join(folder, `types/check.${extension}`))
  }
})

/** Runs a script of the scenario with node and parses the JSON it prints. */
async function script<T>(file: string, ...args: string[]): Promise<T> {
  const { stdout } = await runOk('node', [file, ...args], { cwd: folder })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as T
}

it('loads every entry point of every package with import() and require(), with the same exports', async () => {
  const entries = await script<Record<string, { import?: string[]; require?: string[] }>>('entries.mjs')
  expect(Object.keys(entries)).toEqual(expect.arrayContaining(packed.map((pkg) => pkg.name)))
  for (const [specifier, entry] of Object.entries(entries)) {
    expect(entry, specifier).toEqual({ import: entry.require, require: entry.import })
    expect(entry.import?.length, specifier).toBeGreaterThan(0)
  }
})

describe.each(['mjs', 'cjs'])('round trip through the %s build', (format) => {
  it.each(['zod4', 'zod3', 'valibot'])('with %s: ack, broadcast, refusals on both sides', async (kind) => {
    expect(await script(`roundtrip.${format}`, kind)).toEqual({
      ack: { id: 'm2', at: 1 },
      broadcast: { id: 'm2', room: 'lobby', text: 'hi', at: 1 },
      local: { instanceOf: true, code: 'VALIDATION_FAILED' },
      remote: { ok: false, code: 'VALIDATION_FAILED' },
    })
  })
})

it('has one VolleyError identity across entries and formats: instanceof holds for every pair', async () => {
  const result = await script<{
    matrix: Record<string, boolean>
    sameClass: Record<string, boolean>
    rejection: { code: string; rejectedBy: Record<string, boolean> }
    negatives: Record<string, boolean>
    subclass: Record<string, boolean>
  }>('identity.cjs')
  expect(Object.keys(result.matrix)).toHaveLength(36)
  expect(Object.entries(result.matrix).filter(([, holds]) => !holds)).toEqual([])
  expect(result.sameClass).toEqual({ require: true, import: true })
  expect(Object.values(result.rejection.rejectedBy)).toEqual(Array(6).fill(true))
  expect(result.rejection.code).toMatch(/^[A-Z_]+$/)
  expect(result.negatives).toEqual({
    plainError: false,
    lookalike: false,
    nullValue: false,
    baseIsNotSubclass: false,
  })
  expect(result.subclass).toEqual({ isSubclass: true, isVolleyErrorInCjs: true, isWithIs: true })
})

it('listen says what it binds: all interfaces by default, one address when given a host', async () => {
  expect(await script('listen.mjs')).toEqual({
    everywhere: {
      address: expect.stringMatching(/^(::|0\.0\.0\.0)$/),
      allInterfaces: true,
      url: 'http://localhost:PORT',
      summary: 'http://localhost:PORT (all interfaces, port PORT)',
      status: 200,
    },
    loopback: {
      address: '127.0.0.1',
      allInterfaces: false,
      url: 'http://127.0.0.1:PORT',
      summary: 'http://127.0.0.1:PORT (127.0.0.1 only)',
      status: 200,
    },
  })
})

describe('TypeScript with skipLibCheck: false', () => {
  it.concurrent.each(['node10', 'node16', 'nodenext', 'bundler'])(
    'moduleResolution %s: resolves every entry (adapters too), and wrong names and payloads do not compile',
    async (mode) => {
      const { code, stdout } = await run(
        join(folder, 'node_modules/.bin/tsc'),
        ['-p', `tsconfig.${mode}.json`],
        {
          cwd: folder,
        },
      )
      expect(stdout).toBe('')
      expect(code).toBe(0)
    },
  )
})

sizeBudgets('node', () => folder)
