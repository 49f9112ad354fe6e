import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { runOk } from './exec'

/** The repository root. */
export const repoRoot = resolve(import.meta.dirname, '../../..')

/** The parts of a package.json these tests read. */
export interface Manifest {
  readonly name: string
  readonly version: string
  readonly private?: boolean
  readonly engines?: Record<string, string>
  readonly exports?: Record<string, unknown>
  readonly typesVersions?: Record<string, Record<string, string[]>>
  readonly dependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>
  readonly devDependencies?: Record<string, string>
}

/** A package of this workspace that is published. */
export interface WorkspacePackage {
  readonly name: string
  readonly dir: string
  readonly manifest: Manifest
}

/** A published package, packed. */
export interface PackedPackage extends WorkspacePackage {
  /** The tarball `pnpm pack` wrote. */
  readonly tarball: string
  /** The paths inside it, relative to `package/`. */
  readonly files: readonly string[]
}

/**
 * Every non-private package of the workspace, as pnpm sees it: new packages are picked up by themselves.
 *
 * @example
 * const names = (await publishedPackages()).map((p) => p.name)
 * @returns the packages, sorted by name
 */
export async function publishedPackages(): Promise<WorkspacePackage[]> {
  const { stdout } = await runOk('pnpm', ['ls', '-r', '--depth', '-1', '--json'], { cwd: repoRoot })
  const listed = JSON.parse(stdout) as { name?: string; path: string; private?: boolean }[]
  return listed
    .filter((entry) => entry.private !== true && entry.path !== repoRoot)
    .map((entry) => {
      const manifest = JSON.parse(readFileSync(join(entry.path, 'package.json'), 'utf8')) as Manifest
      return { name: manifest.name, dir: entry.path, manifest }
    })
    .filter((entry) => entry.manifest.private !== true)
    .sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * Packs one package with pnpm (which turns `workspace:` ranges into real ones), as `pnpm publish` would.
 *
 * @example
 * const packed = await pack(pkg, '/tmp/tarballs')
 * @param pkg - the workspace package
 * @param destination - the folder for the tarball
 * @returns the package with its tarball and file list
 */
export async function pack(pkg: WorkspacePackage, destination: string): Promise<PackedPackage> {
  const { stdout } = await runOk('pnpm', ['pack', '--json', '--pack-destination', destination], {
    cwd: pkg.dir,
  })
  const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
    filename: string
    files: { path: string }[]
  }
  return {
    ...pkg,
    tarball: resolve(destination, report.filename),
    files: report.files.map((file) => file.path),
  }
}
