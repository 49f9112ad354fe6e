import { readFileSync } from 'node:fs'
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { exportTarget, packageOf, reachedImports } from './imports'
import type { Manifest, PackedPackage } from './workspace'

/**
 * publint's messages for a tarball, every level (suggestions too), formatted.
 *
 * @example
 * expect(await publintProblems(packed)).toEqual([])
 * @param packed - a packed package
 * @returns one line per message
 */
export async function publintProblems(packed: PackedPackage): Promise<string[]> {
  const tarball = readFileSync(packed.tarball)
  const { messages, pkg } = await publint({
    pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
    level: 'suggestion',
    strict: true,
  })
  return messages.map(
    (message) => `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`,
  )
}

/**
 * What "Are the types wrong?" finds in a tarball, for every entry point and every resolution mode
 * (node10, node16 CommonJS and ESM, bundler).
 *
 * @example
 * expect(await attwProblems(packed)).toEqual([])
 * @param packed - a packed package
 * @returns one line per problem
 */
export async function attwProblems(packed: PackedPackage): Promise<string[]> {
  const result = await checkPackage(
    createPackageFromTarballData(new Uint8Array(readFileSync(packed.tarball))),
  )
  if (result.types === false) return ['the package has no types']
  return result.problems.map((problem) => {
    const where = 'entrypoint' in problem ? ` at ${problem.entrypoint}` : ''
    const mode = 'resolutionKind' in problem ? ` under ${problem.resolutionKind}` : ''
    return `${problem.kind}${where}${mode}`
  })
}

const FORBIDDEN =
  /(^|\/)(test|tests|__tests__|fixtures?|e2e)(\/|$)|\.(test|spec)(-d)?\.[cm]?[jt]sx?$|\.generated\./

/**
 * Files in a tarball that users should not get: tests, type tests, fixtures, generated scratch files.
 *
 * @example
 * expect(unwantedFiles(packed.files)).toEqual([])
 * @param files - the paths in a tarball, relative to `package/`
 * @returns the offending paths
 */
export function unwantedFiles(files: readonly string[]): string[] {
  return files.filter((file) => FORBIDDEN.test(file))
}

/** Every dependency a package declares, with whether it is an optional peer. */
function declared(manifest: Manifest): Map<string, { optional: boolean }> {
  const names = new Map<string, { optional: boolean }>()
  for (const name of Object.keys(manifest.dependencies ?? {})) names.set(name, { optional: false })
  for (const name of Object.keys(manifest.peerDependencies ?? {})) {
    names.set(name, { optional: manifest.peerDependenciesMeta?.[name]?.optional === true })
  }
  return names
}

/**
 * Compares what a package's built files import with what its manifest declares:
 * - every package its JavaScript or declarations import is a dependency or a peer;
 * - the types of its root entry import no optional peer (whose types may be missing: TS2307 without
 *   skipLibCheck); a subpath entry may (`@volley/core/server` is for programs that have `socket.io`);
 * - when it imports an entry of another published package that needs one of that package's optional
 *   peers (`@volley/core/client` needs `socket.io-client`), it declares that peer itself, not optional.
 *
 * @example
 * expect(undeclaredImports(react, root, others)).toEqual([])
 * @param packed - the package, unpacked under `root`
 * @param root - the unpacked package folder
 * @param others - the other published packages, unpacked, by name
 * @returns one line per problem
 */
export function undeclaredImports(
  packed: PackedPackage,
  root: string,
  others: ReadonlyMap<string, { readonly manifest: Manifest; readonly root: string }>,
): string[] {
  const problems: string[] = []
  const own = declared(packed.manifest)
  for (const condition of ['import', 'require']) {
    const types = exportTarget(root, packed.manifest.exports ?? {}, '.', [condition, 'types'])
    for (const specifier of types === undefined ? [] : reachedImports(types)) {
      const name = packageOf(specifier)
      if (name !== undefined && own.get(name)?.optional === true) {
        problems.push(
          `the types of the root entry import ${specifier}, an optional peer whose types may be missing`,
        )
      }
    }
  }
  const builtFiles = packed.files.filter((file) => /^dist\/.*\.(c|m)?js$|^dist\/.*\.d\.(c|m)?ts$/.test(file))
  for (const file of builtFiles) {
    for (const specifier of reachedImports(`${root}/${file}`)) {
      const name = packageOf(specifier)
      if (name === undefined || name === packed.name) continue
      if (!own.has(name)) problems.push(`${file} imports ${specifier}, which package.json does not declare`)
      const other = others.get(name)
      if (other === undefined || /\.d\.(c|m)?ts$/.test(file)) continue
      const subpath = specifier === name ? '.' : `.${specifier.slice(name.length)}`
      const target = exportTarget(other.root, other.manifest.exports ?? {}, subpath, ['import', 'default'])
      if (target === undefined) {
        problems.push(`${file} imports ${specifier}, which ${name} does not export`)
        continue
      }
      const theirs = declared(other.manifest)
      for (const needed of reachedImports(target)) {
        const neededName = packageOf(needed)
        if (neededName === undefined || theirs.get(neededName)?.optional !== true) continue
        if (own.get(neededName)?.optional !== false) {
          problems.push(`${file} imports ${specifier}, which needs ${neededName}: declare it as a peer`)
        }
      }
    }
  }
  return [...new Set(problems)]
}
