import type { Socket as RawServerSocket } from 'socket.io'
import { io as rawClient } from 'socket.io-client'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { defineContract, VolleyError } from '../src/index'
import type { ServerErrorContext } from '../src/server/index'
import { authed, chat } from './fixtures'
import { connectClient, connected, recordingLogger, sleep, startServer, until } from './helpers'

describe('server: handlers and acks', () => {
  it('validates before the handler runs and answers VALIDATION_FAILED with issues', async () => {
    const handler = vi.fn(() => ({ id: 'x', at: 1 }))
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => socket.on('message:send', handler))
    const client = connectClient(chat, url)
    await connected(client)
    const reply = await client.raw.timeout(2000).emitWithAck('message:send', { room: 'lobby', text: '' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(reply.error.issues[0]).toMatchObject({ path: ['text'] })
    expect(reply.error.message).toMatch(/Invalid payload for "message:send" at text/)
    expect(handler).not.toHaveBeenCalled()
  })

  it('reports an invalid fire-and-forget event through onError, never reaching the handler', async () => {
    const onError = vi.fn<(error: VolleyError, context: ServerErrorContext) => void>()
    const handler = vi.fn()
    const { io, url } = await startServer(chat, { onError })
    io.on('connection', (socket) => socket.on('typing', handler))
    const client = connectClient(chat, url)
    await connected(client)
    client.raw.emit('typing', { room: 42 })
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1))
    const [error, context] = onError.mock.calls[0]!
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(context).toMatchObject({ event: 'typing', phase: 'event', payload: { room: 42 } })
    expect(context.socket?.id).toBe(client.getSnapshot().id)
    expect(handler).not.toHaveBeenCalled()
  })

  it('answers UNKNOWN_EVENT for an event outside the contract, and for one without a handler', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(chat, { logger })
    io.on('connection', () => {})
    const client = connectClient(chat, url)
    await connected(client)
    await expect(client.raw.timeout(2000).emitWithAck('nope', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT', message: '"nope" is not an event of this server\'s contract.' },
    })
    await expect(client.request('room:join', { room: 'a' })).rejects.toMatchObject({
      code: 'UNKNOWN_EVENT',
      message: 'No handler is registered for "room:join" on this server.',
    })
    expect(logger.warnings.some((w) => w.includes('UNKNOWN_EVENT'))).toBe(true)
  })

  it('sends a thrown VolleyError with its code and message, and hides any other exception', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(chat, { logger })
    io.on('connection', (socket) =>
      socket.on('fail', ({ kind }) => {
        if (kind === 'volley') throw new VolleyError('RATE_LIMITED', 'Slow down')
        throw new Error('database password is hunter2')
      }),
    )
    const client = connectClient(chat, url)
    await connected(client)
    await expect(client.request('fail', { kind: 'volley' })).rejects.toMatchObject({
      name: 'VolleyError',
      code: 'RATE_LIMITED',
      message: 'Slow down',
    })
    const plain = await client.raw.timeout(2000).emitWithAck('fail', { kind: 'plain' })
    expect(plain).toEqual({
      ok: false,
      error: {
        code: 'HANDLER_ERROR',
        message: 'The handler failed. The error was logged on the side that handled it.',
      },
    })
    expect(JSON.stringify(plain)).not.toContain('hunter2')
    expect(logger.errors.some((line) => line.includes('handler "fail"'))).toBe(true)
  })

  it('takes the resolved value of an async handler as the ack, and a rejection as an error', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) =>
      socket.on('slow', async ({ ms }) => {
        await sleep(ms)
        if (ms > 50) throw new VolleyError('TIMEOUT', 'too slow')
        return { done: true }
      }),
    )
    const client = connectClient(chat, url)
    await connected(client)
    await expect(client.request('slow', { ms: 10 })).resolves.toEqual({ done: true })
    await expect(client.request('slow', { ms: 60 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'too slow',
    })
  })

  it('refuses more than one payload argument', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => socket.on('room:join', () => ({ members: 1 })))
    const client = connectClient(chat, url)
    await connected(client)
    const reply = await client.raw.timeout(2000).emitWithAck('room:join', { room: 'a' }, 'extra')
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(reply.error.message).toMatch(/takes one payload argument, got 2/)
  })

  it('a listener that throws on connection is logged and the server keeps serving', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(chat, { logger })
    io.on('connection', () => {
      throw new Error('boom')
    })
    io.on('connection', (socket) => socket.on('room:join', () => ({ members: 2 })))
    const client = connectClient(chat, url)
    await connected(client)
    await expect(client.request('room:join', { room: 'a' })).resolves.toEqual({ members: 2 })
    expect(logger.errors.some((line) => line.includes('connection listener failed'))).toBe(true)
  })

  it('socket.on returns an unsubscribe function', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => {
      const off = socket.on('room:join', () => ({ members: 1 }))
      socket.on('typing', () => off())
    })
    const client = connectClient(chat, url)
    await connected(client)
    await expect(client.request('room:join', { room: 'a' })).resolves.toEqual({ members: 1 })
    client.emit('typing', { room: 'a' })
    await sleep(50)
    await expect(client.request('room:join', { room: 'a' })).rejects.toMatchObject({ code: 'UNKNOWN_EVENT' })
  })

  it('keeps no socket.io listener per contract event: one onAny for all, however large the contract', async () => {
    const events = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`e${i}`, { payload: z.object({ n: z.number() }) }]),
    )
    const big = defineContract({ clientToServer: events, serverToClient: {} })
    const { io, url } = await startServer(big)
    const seen: number[] = []
    const raw = new Promise<RawServerSocket>((resolve) =>
      io.on('connection', (socket) => {
        for (const event of Object.keys(events)) socket.on(event, ({ n }) => void seen.push(n))
        resolve(socket.raw)
      }),
    )
    const client = connectClient(big, url)
    await connected(client)
    const socket = await raw
    // socket.io's own `error` guard is the only named listener; every event goes through one onAny.
    expect(socket.eventNames()).toEqual(['error'])
    expect(socket.listenersAny()).toHaveLength(1)
    client.emit('e0', { n: 0 })
    client.emit('e39', { n: 39 })
    await vi.waitFor(() => expect(seen).toEqual([0, 39]))
  })

  it('refuses socket.on for an event outside the contract', async () => {
    const { io, url } = await startServer(chat)
    const thrown = new Promise<unknown>((resolve) =>
      io.on('connection', (socket) => {
        try {
          socket.on('nope' as 'typing', () => {})
        } catch (error) {
          resolve(error)
        }
      }),
    )
    connectClient(chat, url)
    expect(String(await thrown)).toMatch(/"nope" is not a clientToServer event of this contract/)
  })
})

describe('server: rooms, broadcasts, namespaces, data', () => {
  it('broadcasts to rooms with immutable to/except chains', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) =>
      socket.on('room:join', async ({ room }) => {
        await socket.join(room)
        return { members: (await io.in(room).fetchSockets()).length }
      }),
    )
    const [a, b, c] = [connectClient(chat, url), connectClient(chat, url), connectClient(chat, url)]
    await Promise.all([connected(a), connected(b), connected(c)])
    await a.request('room:join', { room: 'r1' })
    await b.request('room:join', { room: 'r1' })
    await c.request('room:join', { room: 'r2' })
    const got: Record<string, string[]> = { a: [], b: [], c: [] }
    a.on('message:new', (m) => void got.a!.push(m.text))
    b.on('message:new', (m) => void got.b!.push(m.text))
    c.on('message:new', (m) => void got.c!.push(m.text))

    const r1 = io.to('r1')
    const r1ButA = r1.except(a.getSnapshot().id!)
    r1.emit('message:new', { id: '1', room: 'r1', text: 'all of r1', at: 1 })
    r1ButA.emit('message:new', { id: '2', room: 'r1', text: 'r1 but a', at: 2 })
    io.to('r1').to('r2').emit('message:new', { id: '3', room: '*', text: 'r1 and r2', at: 3 })
    await vi.waitFor(() => expect(got.c).toHaveLength(1))
    await vi.waitFor(() => expect(got.b).toHaveLength(3))
    expect(got.a).toEqual(['all of r1', 'r1 and r2'])
    expect(got.b).toEqual(['all of r1', 'r1 but a', 'r1 and r2'])
    expect(got.c).toEqual(['r1 and r2'])
  })

  it('socket.to excludes the sender; socket.data is typed and initialised by socketData', async () => {
    const { io, url } = await startServer(chat, { socketData: () => ({ name: 'anonymous', joined: 0 }) })
    io.on('connection', (socket) => {
      socket.data.name = `user-${socket.data.joined + 1}`
      socket.on('room:join', async ({ room }) => {
        await socket.join(room)
        return { members: 1 }
      })
      socket.on('typing', ({ room }) => void socket.to(room).emit('typing', { room, user: socket.data.name }))
    })
    const [a, b] = [connectClient(chat, url), connectClient(chat, url)]
    await Promise.all([connected(a), connected(b)])
    await a.request('room:join', { room: 'r' })
    await b.request('room:join', { room: 'r' })
    const seenByA = vi.fn()
    const seenByB = vi.fn()
    a.on('typing', seenByA)
    b.on('typing', seenByB)
    a.emit('typing', { room: 'r' })
    await vi.waitFor(() => expect(seenByB).toHaveBeenCalledWith({ room: 'r', user: 'user-1' }))
    await sleep(30)
    expect(seenByA).not.toHaveBeenCalled()
  })

  it('socket.in and socket.except broadcast from a socket, never back to it', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => {
      socket.on('room:join', async ({ room }) => {
        await socket.join(room)
        return { members: 1 }
      })
      socket.on('typing', ({ room }) => {
        socket.in(room).emit('typing', { room, user: 'in' })
        socket.except('muted').emit('typing', { room, user: 'except' })
      })
    })
    const [a, b, c] = [connectClient(chat, url), connectClient(chat, url), connectClient(chat, url)]
    await Promise.all([connected(a), connected(b), connected(c)])
    await Promise.all([a.request('room:join', { room: 'r' }), b.request('room:join', { room: 'r' })])
    await c.request('room:join', { room: 'muted' })
    const seen: Record<string, string[]> = { a: [], b: [], c: [] }
    for (const [name, client] of [
      ['a', a],
      ['b', b],
      ['c', c],
    ] as const) {
      client.on('typing', ({ user }) => void seen[name]!.push(user))
    }
    a.emit('typing', { room: 'r' })
    await vi.waitFor(() => expect(seen.b).toEqual(['in', 'except']))
    await sleep(30)
    expect(seen.a).toEqual([])
    expect(seen.c).toEqual([])
  })

  it('serves a namespace with its own contract', async () => {
    const admin = defineContract({
      clientToServer: {
        kick: { payload: z.object({ id: z.string() }), ack: z.object({ kicked: z.boolean() }) },
      },
      serverToClient: {},
    })
    const { io, url } = await startServer(chat)
    const adminNs = io.of('/admin', admin)
    expect(io.of('/admin', admin)).toBe(adminNs)
    expect(() => io.of('/admin', chat)).toThrow(/already created with another contract/)
    adminNs.on('connection', (socket) => socket.on('kick', ({ id }) => ({ kicked: id === 'x' })))
    const client = connectClient(admin, `${url}/admin`)
    await connected(client)
    await expect(client.request('kick', { id: 'x' })).resolves.toEqual({ kicked: true })
    expect(adminNs.sockets).toHaveLength(1)
    expect(io.sockets).toHaveLength(0)
  })
})

describe('server: requests to clients', () => {
  it('socket.request resolves to the validated answer of the client handler', async () => {
    const { io, url } = await startServer(chat)
    const answers = new Promise<unknown>((resolve) =>
      io.on(
        'connection',
        (socket) => void socket.request('confirm', { question: 'ok?' }).then(resolve, resolve),
      ),
    )
    const client = connectClient(chat, url)
    client.on('confirm', ({ question }) => ({ yes: question === 'ok?' }))
    await expect(answers).resolves.toEqual({ yes: true })
  })

  it('rejects with TIMEOUT, with VALIDATION_FAILED for a bad answer, and with the client error', async () => {
    const { io, url } = await startServer(chat)
    const sockets: Parameters<Parameters<typeof io.on>[1]>[0][] = []
    io.on('connection', (socket) => void sockets.push(socket))
    const client = connectClient(chat, url)
    await connected(client)
    const socket = sockets[0]!
    await expect(socket.request('confirm', { question: 'q' }, { timeout: 100 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    })

    const off = client.on('confirm', () => ({ yes: 'maybe' }) as never)
    await expect(socket.request('confirm', { question: 'q' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    off()
    client.on('confirm', () => {
      throw new VolleyError('UNAUTHORIZED', 'not you')
    })
    await expect(socket.request('confirm', { question: 'q' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'not you',
    })
  })

  it('rejects with DISCONNECTED when the client leaves before answering', async () => {
    const { io, url } = await startServer(chat)
    const result = new Promise<unknown>((resolve) =>
      io.on('connection', (socket) => void socket.request('confirm', { question: 'q' }).catch(resolve)),
    )
    const client = connectClient(chat, url)
    client.on('confirm', async () => {
      client.disconnect()
      return { yes: true }
    })
    await expect(result).resolves.toMatchObject({ code: 'DISCONNECTED' })
  })

  it('refuses socket.request for an event without ack', async () => {
    const { io, url } = await startServer(chat)
    const result = new Promise<unknown>((resolve) =>
      io.on(
        'connection',
        (socket) => void socket.request('tick' as 'confirm', { question: '' }).catch(resolve),
      ),
    )
    connectClient(chat, url)
    expect(String(await result)).toMatch(/needs a serverToClient event that declares `ack`/)
  })
})

describe('server: handshake auth', () => {
  it('validates auth and exposes it typed on the socket', async () => {
    const { io, url } = await startServer(authed)
    io.on('connection', (socket) => socket.on('whoami', () => ({ user: socket.auth.user })))
    const client = connectClient(authed, url, { auth: { token: 'secret', user: 'ana' } })
    await connected(client)
    await expect(client.request('whoami', undefined)).resolves.toEqual({ user: 'ana' })
  })

  it('refuses invalid auth with UNAUTHORIZED on connect_error', async () => {
    const connections = vi.fn()
    const { io, url } = await startServer(authed)
    io.on('connection', connections)
    const client = connectClient(authed, url, { auth: { token: 'x', user: 'ana' } })
    const error = await new Promise<Error & { data?: unknown }>((resolve) =>
      client.raw.on('connect_error', resolve),
    )
    expect(error.data).toMatchObject({ code: 'UNAUTHORIZED', issues: [{ path: ['token'] }] })
    await until(client, (s) => s.lastError !== undefined)
    expect(client.getSnapshot()).toMatchObject({
      status: 'disconnected',
      lastError: { code: 'UNAUTHORIZED' },
    })
    expect(connections).not.toHaveBeenCalled()
  })

  it('io.use middleware can refuse with a VolleyError', async () => {
    const { io, url } = await startServer(chat)
    io.use((socket, next) =>
      socket.handshake.query.ticket === 'ok'
        ? next()
        : next(new VolleyError('UNAUTHORIZED', 'Sign in first')),
    )
    const refused = connectClient(chat, url)
    await until(refused, (s) => s.lastError !== undefined)
    expect(refused.getSnapshot().lastError).toMatchObject({ code: 'UNAUTHORIZED', message: 'Sign in first' })
    const accepted = connectClient(chat, url, { query: { ticket: 'ok' } })
    await connected(accepted)
  })
})

describe('createServer options', () => {
  it('refuses a bad maxPayloadDepth and a non-contract', async () => {
    const { createServer } = await import('../src/server/index')
    expect(() => createServer(chat, { maxPayloadDepth: 0 })).toThrow(
      /maxPayloadDepth must be a positive integer/,
    )
    expect(() => createServer({} as never)).toThrow(/expects a contract from defineContract/)
  })

  it('a raw socket.io client with no Volley gets the documented envelopes', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => {
      socket.on('message:send', ({ text }) => ({ id: `id-${text}`, at: 7 }))
      socket.on('typing', ({ room }) => room.length)
    })
    const socket = rawClient(url, { transports: ['websocket'] })
    try {
      // A fire-and-forget event sent with an ack id is confirmed; the handler's return value is not sent.
      await expect(socket.timeout(2000).emitWithAck('typing', { room: 'r' })).resolves.toEqual({ ok: true })
      await expect(
        socket.timeout(2000).emitWithAck('message:send', { room: 'r', text: 'hi' }),
      ).resolves.toEqual({
        ok: true,
        data: { id: 'id-hi', at: 7 },
      })
      await expect(socket.timeout(2000).emitWithAck('message:send', { room: 'r' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', issues: [{ path: ['text'] }] },
      })
      await expect(socket.timeout(2000).emitWithAck('who-knows', 1)).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_EVENT' },
      })
    } finally {
      socket.disconnect()
    }
  })
})

describe('server: rate limit', () => {
  it('refuses events over the limit with RATE_LIMITED, logs a flood once, and recovers', async () => {
    const logger = recordingLogger()
    const onError = vi.fn()
    const { io, url } = await startServer(chat, { logger, onError, rateLimit: { points: 5, duration: 300 } })
    let handled = 0
    io.on('connection', (socket) => socket.on('room:join', () => ({ members: ++handled })))
    const client = connectClient(chat, url)
    await connected(client)
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => client.request('room:join', { room: 'r' })),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5)
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(refused).toHaveLength(3)
    expect(refused[0]!.reason).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many events: at most 5 per 300 ms. Slow down and retry.',
    })
    expect(handled).toBe(5)
    expect(logger.warnings.filter((w) => w.includes('RATE_LIMITED'))).toHaveLength(1)
    expect(onError).toHaveBeenCalledTimes(3)
    await sleep(150)
    await expect(client.request('room:join', { room: 'r' })).resolves.toEqual({ members: 6 })
  })

  it('refuses a malformed rateLimit with a message that shows the expected shape', async () => {
    const { createServer } = await import('../src/server/index')
    expect(() => createServer(chat, { rateLimit: { points: 0, duration: 1000 } })).toThrow(
      /rateLimit must be \{ points: number >= 1, duration: milliseconds > 0 \}/,
    )
  })
})

describe('server: failures stay contained', () => {
  it('a flood of unknown events is rate limited too, and a throwing onError never escapes', async () => {
    const logger = recordingLogger()
    const onError = vi.fn(() => {
      throw new Error('hook bug')
    })
    const { io, url } = await startServer(chat, {
      logger,
      onError,
      rateLimit: { points: 5, duration: 10_000 },
    })
    io.on('connection', (socket) => socket.on('room:join', () => ({ members: 1 })))
    const client = connectClient(chat, url)
    await connected(client)
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => client.raw.timeout(2000).emitWithAck('no-such-event', {})),
    )
    expect(replies.filter((r) => r.error.code === 'UNKNOWN_EVENT')).toHaveLength(5)
    expect(replies.filter((r) => r.error.code === 'RATE_LIMITED')).toHaveLength(45)
    expect(logger.warnings.filter((w) => w.includes('RATE_LIMITED'))).toHaveLength(1)
    expect(onError).toHaveBeenCalledTimes(50)
    await expect(client.request('room:join', { room: 'r' })).rejects.toMatchObject({ code: 'RATE_LIMITED' })
  })

  it('one throwing handler does not keep the event from the other handlers', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(chat, { logger })
    const second = vi.fn()
    io.on('connection', (socket) => {
      socket.on('typing', () => {
        throw new Error('first handler bug')
      })
      socket.on('typing', second)
    })
    const client = connectClient(chat, url)
    await connected(client)
    client.emit('typing', { room: 'r' })
    await vi.waitFor(() => expect(second).toHaveBeenCalledWith({ room: 'r' }))
    expect(logger.errors.some((line) => line.includes('handler "typing"'))).toBe(true)
  })

  it('a middleware that throws refuses with a generic HANDLER_ERROR and logs the cause', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(chat, { logger })
    io.use(() => {
      throw new Error('db password hunter2 rejected')
    })
    const client = connectClient(chat, url)
    const error = await new Promise<Error & { data?: { code: string; message: string } }>((resolve) =>
      client.raw.on('connect_error', resolve),
    )
    expect(error.data).toEqual({
      code: 'HANDLER_ERROR',
      message: 'The connection could not be set up because of a server error.',
    })
    expect(JSON.stringify(error.data)).not.toContain('hunter2')
    expect(logger.errors.some((line) => line.includes('handshake'))).toBe(true)
  })
})

describe('server: engine middleware', () => {
  it('engineUse runs on the handshake request, whether added before or after attach', async () => {
    const { createServer } = await import('../src/server/index')
    const { createServer: createHttpServer } = await import('node:http')
    const io = createServer(chat, { logger: false })
    const mark =
      (name: string) =>
      (req: { marks?: string[] }, _res: unknown, next: () => void): void => {
        req.marks = [...(req.marks ?? []), name]
        next()
      }
    io.engineUse(mark('before'))
    const http = createHttpServer()
    io.attach(http)
    io.engineUse(mark('after'))
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    const seen = new Promise<unknown>((resolve) =>
      io.on('connection', (socket) => resolve((socket.raw.request as { marks?: string[] }).marks)),
    )
    const { port } = http.address() as { port: number }
    const client = connectClient(chat, `http://127.0.0.1:${port}`)
    try {
      await expect(seen).resolves.toEqual(['before', 'after'])
    } finally {
      client.disconnect()
      await io.close()
    }
  })
})
