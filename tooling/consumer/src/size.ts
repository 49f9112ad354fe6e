import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/** Named imports, by module: `{ 'socket.io-client': ['io'] }`. */
export type Imports = Readonly<Record<string, readonly string[]>>

/** One budget of `size-budgets.json`. */
export interface SizeBudget {
  /** What is measured, for the report. */
  readonly name: string
  /** The scenario folder whose installed packages are bundled. */
  readonly scenario: string
  /** What the app imports without Volley (raw socket.io-client, zod, the framework). */
  readonly over: Imports
  /** What it imports on top with Volley. */
  readonly adds: Imports
  /** The most Volley may add, in gzip bytes (1 kB = 1000 bytes). */
  readonly limit: number
}

/** The gzip size of what a browser bundler ships for these imports: esbuild, minified, production. */
async function gzipBytes(folder: string, imports: Imports): Promise<number> {
  const lines = Object.entries(imports).map(
    ([from, names]) => `import { ${names.join(', ')} } from '${from}'`,
  )
  const used = Object.values(imports).flat()
  const result = await build({
    stdin: {
      contents: `${lines.join('\n')}\nconsole.log(${used.join(', ')})\n`,
      resolveDir: folder,
      loader: 'js',
    },
    absWorkingDir: folder,
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length
}

/**
 * What Volley adds to a browser bundle: gzip(app with Volley) − gzip(the same app with raw socket.io-client
 * and zod), both bundled from the packages installed in a scenario folder.
 *
 * @example
 * const { added } = await measure(folder, budget)
 * @param folder - the scenario folder
 * @param budget - what to measure
 * @returns the bytes Volley adds, and both totals
 */
export async function measure(
  folder: string,
  budget: SizeBudget,
): Promise<{ readonly added: number; readonly baseline: number; readonly total: number }> {
  const merged: Record<string, string[]> = {}
  for (const imports of [budget.over, budget.adds]) {
    for (const [from, names] of Object.entries(imports)) merged[from] = [...(merged[from] ?? []), ...names]
  }
  const [baseline, total] = await Promise.all([gzipBytes(folder, budget.over), gzipBytes(folder, merged)])
  return { added: total - baseline, baseline, total }
}

/**
 * A byte count as the report shows it.
 *
 * @example
 * kB(3748) // '3.75 kB'
 * @param bytes - a size in bytes
 * @returns the size in kB (1000 bytes), two decimals
 */
export function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(2)} kB`
}

/**
 * The budgets of one scenario, from `tooling/consumer/size-budgets.json`.
 *
 * @example
 * it.each(budgetsFor('react'))('$name', …)
 * @param scenario - a scenario name
 * @returns its budgets
 */
export function budgetsFor(scenario: string): SizeBudget[] {
  const all = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'size-budgets.json'), 'utf8'),
  ) as SizeBudget[]
  return all.filter((budget) => budget.scenario === scenario)
}
