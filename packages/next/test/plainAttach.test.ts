// The defect serve fixes, shown against a real Next dev server: with a plain `io.attach`, an HMR websocket
// that arrives before any HTTP request (a tab reconnecting after a dev-server restart) is ended by
// engine.io after 1 s, because Next only adds its upgrade listener on its first request.
import { createServer as createHttpServer } from 'node:http'
import { createServer } from '@volley/core/server'
import { expect, it } from 'vitest'
import { contract } from './contract'
import { fixtureApp, onCleanup, openWebSocket } from './helpers'

it('a plain io.attach ends an early HMR upgrade with "socket hang up"', async () => {
  const app = await fixtureApp('plain')
  await app.prepare()
  onCleanup(() => app.close())
  const handle = app.getRequestHandler()
  const http = createHttpServer((req, res) => void handle(req, res))
  const io = createServer(contract, { logger: false })
  io.attach(http)
  onCleanup(() => io.close())
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as { port: number }
  await expect(openWebSocket(`ws://127.0.0.1:${port}/_next/hmr`)).rejects.toThrow(/socket hang up/)
})
