// React and Vue apps built with Vite from the tarballs. Each user lists the adapter, @volley/core, the
// framework and zod, not socket.io-client: npm must bring it as a peer of the adapter.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { installScenario, reactScenario, vueScenario } from '../src/scenarios'
import { kB } from '../src/size'
import { viteBuild } from '../src/vite'
import { sizeBudgets } from './sizeBudgets'

const { work, packed } = inject('consumer')

describe.each([
  ['React', reactScenario],
  ['Vue', vueScenario],
])('%s app', (framework, scenario) => {
  let folder = ''
  beforeAll(async () => {
    folder = await installScenario(scenario, packed, work)
  })

  it(`gets socket.io-client from npm as a peer of ${scenario.volley}, without listing it`, () => {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
      dependencies: object
    }
    expect(Object.keys(manifest.dependencies)).not.toContain('socket.io-client')
    expect(existsSync(join(folder, 'node_modules/socket.io-client/package.json'))).toBe(true)
  })

  it('builds the README quick start with vite build', async () => {
    const { javascript, gzip } = await viteBuild(folder)
    console.log(`[vite] ${framework} quick start app: ${kB(gzip)} gzip`)
    expect(javascript).not.toContain('__vite-optional-peer-dep')
    expect(javascript).toContain('message:send')
    expect(javascript).toContain('websocket')
  })

  sizeBudgets(scenario.name, () => folder)
})
