// The release pipeline on a copy of the repository: `changeset version`, then `changeset publish` (which
// runs `pnpm publish` for each package) to a registry in memory on a free local port, then what it
// received is checked and listed.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { unwantedFiles } from '../src/checks'
import { runOk } from '../src/exec'
import { startRegistry, type LocalRegistry } from '../src/registry'
import { repoRoot, type Manifest } from '../src/workspace'

const { work, packed } = inject('consumer')
const copy = join(work, 'release')
const changeset = join(repoRoot, 'node_modules/@changesets/cli/bin.js')
let registry: LocalRegistry | undefined

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(copy, dir, 'package.json'), 'utf8')) as Manifest
const dirOf = (name: string): string => relative(repoRoot, packed.find((pkg) => pkg.name === name)!.dir)

beforeAll(async () => {
  // The working tree as committed plus uncommitted changes, and the builds (ignored by git) to publish.
  const { stdout } = await runOk('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot })
  for (const file of stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(repoRoot, file))) continue
    mkdirSync(dirname(join(copy, file)), { recursive: true })
    cpSync(join(repoRoot, file), join(copy, file))
  }
  for (const pkg of packed) {
    cpSync(join(pkg.dir, 'dist'), join(copy, relative(repoRoot, pkg.dir), 'dist'), { recursive: true })
  }
  // As a release job does: install (offline, from pnpm's store) so pnpm can resolve `workspace:` ranges.
  const install = [
    'install',
    '--offline',
    '--frozen-lockfile',
    '--ignore-scripts',
    '--filter',
    './packages/*',
  ]
  await runOk('pnpm', install, { cwd: copy })
  registry = await startRegistry()
})

afterAll(async () => {
  await registry?.close()
})

it('changeset version bumps the fixed @volley group, writes changelogs and consumes the changesets', async () => {
  const pending = readdirSync(join(copy, '.changeset')).filter(
    (file) => file.endsWith('.md') && file !== 'README.md',
  )
  expect(pending.length).toBeGreaterThan(0)
  const privateBefore = readManifest('apps/chat').version

  await runOk('node', [changeset, 'version'], { cwd: copy })

  const versions = new Set(packed.map((pkg) => readManifest(dirOf(pkg.name)).version))
  expect(versions.size).toBe(1)
  const [version] = versions
  expect(version).not.toBe(packed[0]!.manifest.version)
  for (const pkg of packed) {
    expect(readFileSync(join(copy, dirOf(pkg.name), 'CHANGELOG.md'), 'utf8')).toContain(`## ${version}`)
    const peers = readManifest(dirOf(pkg.name)).peerDependencies ?? {}
    for (const [dep, range] of Object.entries(peers))
      if (dep.startsWith('@volley/')) expect(range).toBe('workspace:^')
  }
  expect(readdirSync(join(copy, '.changeset')).sort()).toEqual(['README.md', 'config.json'])
  expect(readManifest('apps/chat').version).toBe(privateBefore)
})

it('changeset publish uploads every package with caret ranges between them, and no tests in the tarballs', async () => {
  const { url, published } = registry!
  writeFileSync(
    join(copy, '.npmrc'),
    `registry=${url}\n${url.replace(/^http:/, '')}:_authToken=release-test\n`,
  )
  const env = { npm_config_registry: url, npm_config_update_notifier: 'false' }
  await runOk('node', [changeset, 'publish'], { cwd: copy, env })

  expect([...published.keys()].sort()).toEqual(packed.map((pkg) => pkg.name).sort())
  for (const { name } of packed) {
    const version = readManifest(dirOf(name)).version
    const release = published.get(name)?.get(version)
    expect(release, `${name}@${version}`).toBeDefined()
    const { dependencies = {}, peerDependencies = {} } = release!.manifest
    for (const [dep, range] of Object.entries({ ...dependencies, ...peerDependencies })) {
      if (dep.startsWith('@volley/')) expect(`${dep}@${range}`).toBe(`${dep}@^${version}`)
    }
    const tarball = join(work, `${name.replace('/', '__')}-${version}.tgz`)
    writeFileSync(tarball, release!.tarball)
    const { stdout } = await runOk('tar', ['-tzf', tarball], { cwd: work })
    const files = stdout
      .split('\n')
      .filter(Boolean)
      .map((file) => file.replace(/^package\//, ''))
    console.log(`[release] ${name}@${version} as published:\n  ${files.join('\n  ')}`)
    expect(unwantedFiles(files)).toEqual([])
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'CHANGELOG.md']))
  }
})

it('a later minor changeset on core alone releases the whole group as a minor, not a major', async () => {
  const before = readManifest(dirOf('@volley/core')).version
  const [major, minor] = before.split('.').map(Number) as [number, number]
  writeFileSync(join(copy, '.changeset/next-feature.md'), "---\n'@volley/core': minor\n---\n\nA feature.\n")
  await runOk('node', [changeset, 'version'], { cwd: copy })
  for (const { name } of packed)
    expect(`${name}@${readManifest(dirOf(name)).version}`).toBe(`${name}@${major}.${minor + 1}.0`)
})
