import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { runOk } from './exec'

/**
 * Runs `vite build` in a scenario folder, as the user's own build would, and reads what it wrote.
 *
 * @example
 * const { javascript, gzip } = await viteBuild(folder)
 * @param folder - a scenario folder with a Vite app
 * @returns the JavaScript it emitted (all chunks, joined) and its gzip size
 */
export async function viteBuild(
  folder: string,
): Promise<{ readonly javascript: string; readonly gzip: number }> {
  await runOk(join(folder, 'node_modules/.bin/vite'), ['build'], { cwd: folder })
  const assets = join(folder, 'dist/assets')
  const files = existsSync(assets) ? readdirSync(assets).filter((file) => file.endsWith('.js')) : []
  const javascript = files.map((file) => readFileSync(join(assets, file), 'utf8')).join('\n')
  return {
    javascript,
    gzip: files.reduce((sum, file) => sum + gzipSync(readFileSync(join(assets, file))).length, 0),
  }
}
