import { createServer } from '@volley/core/server'
import { defineContract } from '@volley/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { contract } from './contract'
import { connect, onCleanup, outcome } from './helpers'

/** A fresh copy of a module, as Next's route bundles have their own copies of @volley/next. */
async function freshCopy<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules()
  return load()
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('getVolley across module copies', () => {
  it('finds the server that another copy of the package registered, typed by the contract passed', async () => {
    const serverCopy = await freshCopy(() => import('../src/server/index'))
    const routeCopy = await freshCopy(() => import('../src/index'))
    const otherRouteCopy = await freshCopy(() => import('../src/index'))
    expect(routeCopy.getVolley).not.toBe(otherRouteCopy.getVolley)

    const io = createServer(contract, { logger: false })
    io.listen(0)
    onCleanup(() => io.close())
    onCleanup(serverCopy.registerVolley(io))
    const { port } = io.raw.httpServer.address() as { port: number }
    const client = connect(contract, `http://127.0.0.1:${port}`)
    expect(await outcome(client)).toBe('connected')

    expect(routeCopy.getVolley(contract)).toBe(io)
    expect(otherRouteCopy.getVolley(contract)).toBe(io)
    const received = new Promise((resolve) => client.on('noted', resolve))
    otherRouteCopy.getVolley(contract).emit('noted', { id: 7, text: 'from route code' })
    await expect(received).resolves.toEqual({ id: 7, text: 'from route code' })
  })

  it('is gone once unregistered', async () => {
    const { registerVolley } = await import('../src/server/index')
    const { getVolley } = await import('../src/index')
    const unregister = registerVolley(createServer(contract, { logger: false }))
    expect(() => getVolley(contract)).not.toThrow()
    unregister()
    expect(() => getVolley(contract)).toThrow(/no Volley server runs in this process/)
  })
})

describe('getVolley errors say what to do', () => {
  it('when no custom server runs', async () => {
    const { getVolley } = await import('../src/index')
    expect(() => getVolley(contract)).toThrow(
      /^\[volley\] getVolley\(contract\): no Volley server runs in this process\. Start the app with a custom server that calls serve/,
    )
  })

  it('on the edge runtime, even where a server is registered', async () => {
    const { registerVolley } = await import('../src/server/index')
    const { getVolley } = await import('../src/index')
    onCleanup(registerVolley(createServer(contract, { logger: false })))
    vi.stubEnv('NEXT_RUNTIME', 'edge')
    expect(() => getVolley(contract)).toThrow(/edge runtime.*Remove `export const runtime = 'edge'`/)
  })

  it('under next dev / next start', async () => {
    const { getVolley } = await import('../src/index')
    const title = process.title
    process.title = 'next-server (v16.4.6)'
    onCleanup(() => void (process.title = title))
    expect(() => getVolley(contract)).toThrow(
      /started with `next dev` or `next start`.*custom server instead/,
    )
  })

  it("under output: 'standalone'", async () => {
    const { getVolley } = await import('../src/index')
    vi.stubEnv('__NEXT_PRIVATE_STANDALONE_CONFIG', '{}')
    expect(() => getVolley(contract)).toThrow(/`output: 'standalone'`, which cannot carry a custom server/)
  })

  it('during next build', async () => {
    const { getVolley } = await import('../src/index')
    vi.stubEnv('NEXT_PHASE', 'phase-production-build')
    expect(() => getVolley(contract)).toThrow(/while `next build` prerendered a page/)
  })

  it('when the running server speaks another contract, or no contract is given', async () => {
    const { registerVolley } = await import('../src/server/index')
    const { getVolley } = await import('../src/index')
    onCleanup(registerVolley(createServer(contract, { logger: false }), { url: 'http://localhost:3000' }))
    const other = defineContract({ clientToServer: {}, serverToClient: { ping: { payload: z.object({}) } } })
    expect(() => getVolley(other)).toThrow(
      '[volley] getVolley(contract): the Volley server at http://localhost:3000 speaks another contract (its serverToClient events: noted).',
    )
    expect(() => getVolley(undefined as never)).toThrow(TypeError)
  })
})
