// Packs every published workspace package once, into a temporary folder outside the repository that the
// test files install from (each its own scenario folder). Set VOLLEY_CONSUMER_KEEP=1 to keep the folder.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { pack, publishedPackages, type PackedPackage } from './workspace'

/** What every test file of the consumer suite gets through `inject('consumer')`. */
export interface ConsumerContext {
  /** The temporary folder for scenario folders. */
  readonly work: string
  /** Every published package, packed. */
  readonly packed: readonly PackedPackage[]
}

declare module 'vitest' {
  export interface ProvidedContext {
    consumer: ConsumerContext
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const work = mkdtempSync(join(tmpdir(), 'volley-consumer-'))
  const packages = await publishedPackages()
  const packed = await Promise.all(packages.map((pkg) => pack(pkg, join(work, 'tarballs'))))
  project.provide('consumer', { work, packed })
  console.log(`[consumer] packed ${packed.map((pkg) => pkg.name).join(', ')} into ${work}`)
  return () => {
    if (process.env.VOLLEY_CONSUMER_KEEP === undefined) rmSync(work, { recursive: true, force: true })
  }
}
