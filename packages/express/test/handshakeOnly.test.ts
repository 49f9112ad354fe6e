import { afterEach, expect, it } from 'vitest'
import express from 'express'
import { createServer } from '@volley/core/server'
import { createClient } from '@volley/core/client'
import { getRequest, listen, shareMiddleware } from '../src/index'
import { chat } from './fixtures'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

it.each([
  [true, 1],
  [false, 'several'],
] as const)(
  'handshakeOnly: %s runs the middleware %s time(s) per polling connection',
  async (handshakeOnly, expected) => {
    const io = createServer(chat, { logger: false })
    let calls = 0
    // A passport-like middleware: puts `user` on the request.
    shareMiddleware(
      io,
      (req: { user?: { id: number } }, _res: unknown, next: () => void) => {
        calls += 1
        req.user = { id: 7 }
        next()
      },
      { handshakeOnly },
    )
    io.on('connection', (socket) => {
      socket.on('whoami', () => ({ name: `user ${getRequest<{ user: { id: number } }>(socket).user?.id}` }))
    })
    const server = await listen(express(), io, { port: 0, host: '127.0.0.1' })
    cleanups.push(() => server.close())
    const client = createClient(chat, server.url, { transports: ['polling'], logger: false })
    cleanups.push(() => client.disconnect())
    await expect(client.request('whoami', {})).resolves.toEqual({ name: 'user 7' })
    if (expected === 1) expect(calls).toBe(1)
    else expect(calls).toBeGreaterThan(1)
  },
)
