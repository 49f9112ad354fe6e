// Loads every entry point of every installed @volley package with import() and with require(), and prints
// the names each one exports: both formats must load and agree.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const results = {}
for (const dir of readdirSync('node_modules/@volley')) {
  const manifest = JSON.parse(readFileSync(`node_modules/@volley/${dir}/package.json`, 'utf8'))
  for (const subpath of Object.keys(manifest.exports ?? { '.': manifest.main })) {
    if (subpath.endsWith('.json')) continue
    const specifier = subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`
    const entry = {}
    try {
      entry.import = Object.keys(await import(specifier)).sort()
    } catch (error) {
      entry.importError = String(error)
    }
    try {
      entry.require = Object.keys(require(specifier))
        .filter((name) => name !== '__esModule')
        .sort()
    } catch (error) {
      entry.requireError = String(error)
    }
    results[specifier] = entry
  }
}
console.log(JSON.stringify(results))
