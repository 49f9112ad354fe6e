// Static checks of every packed package: what publint and "Are the types wrong?" say, what the tarball
// holds, and whether package.json declares what the built files import.
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { attwProblems, publintProblems, undeclaredImports, unwantedFiles } from '../src/checks'
import { runOk } from '../src/exec'
import { repoRoot, type Manifest } from '../src/workspace'

const { work, packed } = inject('consumer')
const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest
const unpacked = new Map<string, { manifest: Manifest; root: string }>()

beforeAll(async () => {
  for (const pkg of packed) {
    const folder = join(work, 'unpacked', pkg.name.replace('/', '__'))
    mkdirSync(folder, { recursive: true })
    await runOk('tar', ['-xzf', pkg.tarball, '-C', folder], { cwd: work })
    const root = join(folder, 'package')
    unpacked.set(pkg.name, { root, manifest: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) })
  }
})

it('finds every published package of the workspace', () => {
  expect(packed.map((pkg) => pkg.name)).toEqual(
    expect.arrayContaining(['@volley/core', '@volley/express', '@volley/react', '@volley/vue']),
  )
})

describe.each(packed.map((pkg) => [pkg.name, pkg] as const))('%s', (name, pkg) => {
  it('has no publint message, suggestions included', async () => {
    expect(await publintProblems(pkg)).toEqual([])
  })

  it('has no problem for "Are the types wrong?" in node10, node16 (CJS and ESM) and bundler', async () => {
    expect(await attwProblems(pkg)).toEqual([])
  })

  it('ships its build, README and sources for the maps, but no tests or fixtures', () => {
    console.log(`${name} ${pkg.manifest.version} packs:\n  ${pkg.files.join('\n  ')}`)
    expect(unwantedFiles(pkg.files)).toEqual([])
    expect(pkg.files).toEqual(expect.arrayContaining(['package.json', 'README.md']))
    expect(pkg.files.some((file) => file.startsWith('dist/') && file.endsWith('.d.ts'))).toBe(true)
  })

  it('declares engines.node as the repository does', () => {
    expect(unpacked.get(name)?.manifest.engines?.node).toBe(rootManifest.engines?.node)
  })

  it('publishes caret ranges for the other @volley packages, never workspace: or exact pins', () => {
    const { manifest } = unpacked.get(name)!
    const published = { ...manifest.dependencies, ...manifest.peerDependencies }
    expect(JSON.stringify(manifest)).not.toContain('workspace:')
    for (const [dep, range] of Object.entries(published)) {
      const internal = packed.find((other) => other.name === dep)
      if (internal !== undefined) expect(`${dep}@${range}`).toBe(`${dep}@^${internal.manifest.version}`)
    }
  })

  it('declares every package its code and types import, with the peers those need', () => {
    const { root } = unpacked.get(name)!
    const others = new Map([...unpacked].filter(([other]) => other !== name))
    expect(undeclaredImports(pkg, root, others)).toEqual([])
  })
})
