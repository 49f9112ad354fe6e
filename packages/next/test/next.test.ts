// Against a real Next 16 dev server (Turbopack) on the fixture app: one port for Next and Volley, the HMR
// websocket next to Volley, and route code (bundled by Next with its own module copies) reaching the
// custom server's Volley server through getVolley.
import { createServer } from '@volley/core/server'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { serve, type ServeResult } from '../src/server/index'
import { contract } from './contract'
import { connect, firstMessage, fixtureApp, openWebSocket, outcome, sleep } from './helpers'

let served: ServeResult
const nextApp: { current?: Awaited<ReturnType<typeof fixtureApp>> } = {}
const io = createServer(contract, { logger: false })
beforeAll(async () => {
  io.on('connection', (socket) => {
    socket.on('note', ({ text }) => ({ id: text.length }))
  })
  nextApp.current = await fixtureApp('serve')
  served = await serve({
    app: nextApp.current,
    io,
    port: 0,
    hostname: '127.0.0.1',
    signals: false,
    logger: false,
  })
})
afterAll(() => served.close())

it("opens Next's HMR websocket before any HTTP request (the warm-up made Next listen), next to Volley", async () => {
  const hmr = await openWebSocket(`${served.url.replace(/^http/, 'ws')}/_next/hmr`)
  expect(await firstMessage(hmr)).toMatch(/"type"/)
  const client = connect(contract, served.url)
  expect(await outcome(client)).toBe('connected')
  expect(client.raw.io.engine.transport.name).toBe('websocket')
  await sleep(1_500) // longer than engine.io's destroyUpgradeTimeout (1 s)
  expect(hmr.readyState).toBe(hmr.OPEN)
  expect(client.raw.connected).toBe(true)
})

it('lets route code emit through getVolley, with its body validated by the contract', async () => {
  const client = connect(contract, served.url)
  expect(await outcome(client)).toBe('connected')
  // The Route Handler runs in Next's bundle (its own copies of @volley/next, @volley/core and the contract).
  const received = new Promise((resolve) => client.on('noted', resolve))
  const ok = await fetch(`${served.url}/api/emit`, {
    method: 'POST',
    body: JSON.stringify({ text: 'from a route' }),
  })
  expect(ok.status).toBe(200)
  expect(await ok.json()).toEqual({ ok: true, data: { id: 1 } })
  await expect(received).resolves.toEqual({ id: 1, text: 'from a route' })

  // A bad body: 400 with the very answer a socket client gets from the server for the same payload.
  const bad = await fetch(`${served.url}/api/emit`, { method: 'POST', body: JSON.stringify({ text: '' }) })
  expect(bad.status).toBe(400)
  const overSocket: unknown = await client.raw.emitWithAck('note', { text: '' })
  expect(overSocket).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION_FAILED', issues: [{ path: ['text'] }] },
  })
  expect(await bad.json()).toEqual(overSocket)

  // Pages render through the same server and port.
  expect(await (await fetch(`${served.url}/`)).text()).toContain('fixture')
})

it('lets a Server Action redirect: Next fetches the target from the port serve listens on', async () => {
  const html = await (await fetch(`${served.url}/redirect`)).text()
  const id = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(html)?.[1]
  expect(id).toBeDefined()
  const response = await fetch(`${served.url}/redirect`, {
    method: 'POST',
    headers: { 'next-action': id!, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8' },
    body: '[]',
  })
  expect(response.headers.get('x-action-redirect')).toMatch(/^\/;/)
  // The RSC payload of the page redirected to is in the answer (Next got it from its own origin).
  expect(await response.text()).toContain('fixture')
})

it('closes Volley, then HTTP, then Next', async () => {
  const order: string[] = []
  const connected = new Promise<void>((resolve) =>
    io.on('connection', (socket) => {
      socket.on('disconnect', () => order.push('volley socket disconnected'))
      resolve()
    }),
  )
  expect(await outcome(connect(contract, served.url))).toBe('connected')
  await connected
  served.server.once('close', () => order.push('http closed'))
  const app = nextApp.current!
  const closeNext = app.close.bind(app)
  app.close = () => {
    order.push('next closing')
    return closeNext()
  }
  await served.close()
  expect(order).toEqual(['volley socket disconnected', 'http closed', 'next closing'])
  expect(served.server.listening).toBe(false)
})
