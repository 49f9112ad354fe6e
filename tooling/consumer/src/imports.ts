import { existsSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import ts from 'typescript'

/**
 * Every module a JavaScript or declaration file imports, requires or references (comments and JSDoc
 * examples ignored: TypeScript's own pre-processor reads them).
 *
 * @example
 * specifiersOf("import { io } from 'socket.io-client'") // ['socket.io-client']
 * @param text - the file's text
 * @returns the specifiers, as written
 */
export function specifiersOf(text: string): string[] {
  const info = ts.preProcessFile(text, true, true)
  return [...info.importedFiles, ...info.typeReferenceDirectives].map((ref) => ref.fileName)
}

/**
 * The package a bare specifier belongs to, or `undefined` for a relative path or a Node built-in.
 *
 * @example
 * packageOf('@volley/core/client') // '@volley/core'
 * @param specifier - an import specifier
 * @returns the package name
 */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:'))
    return undefined
  if (builtinModules.includes(specifier.split('/')[0]!)) return undefined
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

/** The file a relative specifier points to, trying the extensions bundlers emit. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier)
  const candidates = /\.d\.[cm]?ts$/.test(from)
    ? [base.replace(/\.(c|m)?js$/, '.d.$1ts'), `${base}.d.ts`]
    : [base, `${base}.js`, `${base}.cjs`, `${base}.mjs`]
  return candidates.find((file) => existsSync(file))
}

/**
 * The bare specifiers an entry file reaches, following its relative imports (shared chunks) inside the
 * package.
 *
 * @example
 * reachedImports('/tmp/core/package/dist/client/index.js') // Set { 'socket.io-client', … }
 * @param entry - an absolute file path in an unpacked package
 * @returns the bare specifiers, as written
 */
export function reachedImports(entry: string): Set<string> {
  const seen = new Set<string>()
  const bare = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
      if (packageOf(specifier) !== undefined) bare.add(specifier)
      else if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier)
        if (target !== undefined) visit(target)
      }
    }
  }
  visit(entry)
  return bare
}

/**
 * The file an `exports` subpath resolves to for one condition (`import` or `require`; `types` nested).
 *
 * @example
 * exportTarget(pkgDir, manifest.exports, './client', ['import', 'default']) // '<pkgDir>/dist/client/index.js'
 * @param root - the unpacked package folder
 * @param exportsField - the package's `exports`
 * @param subpath - `.` or `./client`
 * @param conditions - the conditions to follow, in order of preference
 * @returns the absolute file, or `undefined`
 */
export function exportTarget(
  root: string,
  exportsField: Record<string, unknown>,
  subpath: string,
  conditions: readonly string[],
): string | undefined {
  let target: unknown = exportsField[subpath]
  while (typeof target === 'object' && target !== null) {
    const entry = Object.entries(target).find(([condition]) => conditions.includes(condition))
    target = entry?.[1]
  }
  return typeof target === 'string' ? join(root, target) : undefined
}
