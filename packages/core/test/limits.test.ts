import { Manager } from 'socket.io-client'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { defineContract, type VolleyError } from '../src/index'
import { createServer, type ServerErrorContext } from '../src/server/index'
import { authed, chat } from './fixtures'
import {
  connectClient,
  connected,
  rawConnected,
  recordingLogger,
  sleep,
  startServer,
  until,
  writeRaw,
} from './helpers'

const game = defineContract({
  clientToServer: {
    input: { payload: z.object({ dx: z.number(), dy: z.number(), seq: z.number() }) },
    chat: { payload: z.object({ text: z.string() }), ack: z.object({ ok: z.boolean() }) },
    ping: { payload: z.undefined(), ack: z.literal('pong') },
  },
  serverToClient: {},
})

describe('escalation: floods end in a disconnect', () => {
  it('with the defaults, a socket refused more than 200 times is told why and disconnected; others are served', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(chat, { logger })
    io.on('connection', (socket) => socket.on('room:join', () => ({ members: 1 })))
    const good = connectClient(chat, url)
    await connected(good)
    const attacker = await rawConnected(url)
    const told = new Promise<unknown>((resolve) => attacker.on('$volley:disconnect', resolve))
    const gone = new Promise<string>((resolve) => attacker.on('disconnect', resolve))
    for (let i = 0; i < 1000; i++) writeRaw(attacker, `2["room:join",{"room":${i}}]`)
    await expect(told).resolves.toEqual({
      code: 'RATE_LIMITED',
      message: 'Disconnected: more than 200 refused messages within 10000 ms.',
    })
    await expect(gone).resolves.toBe('io server disconnect')
    await expect(good.request('room:join', { room: 'r' })).resolves.toEqual({ members: 1 })
    expect(logger.warnings).toHaveLength(2)
    expect(logger.warnings[1]).toMatch(/disconnected: more than 200 refusals within 10000 ms; 200 repeats/)
  })

  it('a Volley client sees the reason as lastError', async () => {
    const { io, url } = await startServer(chat, { limits: { escalation: { refusals: 3 } } })
    io.on('connection', () => {})
    const client = connectClient(chat, url)
    await connected(client)
    for (let i = 0; i < 5; i++) client.raw.emit('nope', {})
    await until(client, (snapshot) => snapshot.status === 'disconnected')
    expect(client.getSnapshot().lastError).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Disconnected: more than 3 refused messages within 10000 ms.',
    })
  })

  it('escalation: false never disconnects', async () => {
    const { io, url } = await startServer(chat, { limits: { escalation: false } })
    io.on('connection', (socket) => socket.on('room:join', () => ({ members: 1 })))
    const socket = await rawConnected(url)
    for (let i = 0; i < 500; i++) writeRaw(socket, `2["nope",${i}]`)
    await expect(socket.timeout(5000).emitWithAck('room:join', { room: 'r' })).resolves.toMatchObject({
      ok: true,
    })
    expect(socket.connected).toBe(true)
  })

  it('a connection that keeps sending CONNECTs with invalid auth is closed, and logged once', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(authed, { logger, limits: { escalation: { refusals: 20 } } })
    io.on('connection', () => {})
    io.of('/lobby', chat).on('connection', () => {})
    // A second namespace keeps the shared connection open after the first CONNECT is refused.
    const manager = new Manager(url, { transports: ['websocket'], reconnection: false, forceNew: true })
    const lobby = manager.socket('/lobby')
    await new Promise<void>((resolve) => lobby.once('connect', () => resolve()))
    const refused = new Promise<{ code: string }>((resolve) =>
      manager
        .socket('/', { auth: { token: 'x', user: 'u' } })
        .once('connect_error', (error: Error & { data?: { code: string } }) => resolve(error.data!)),
    )
    await expect(refused).resolves.toMatchObject({ code: 'UNAUTHORIZED' })
    const engine = manager.engine
    const answers: string[] = []
    engine.on('message', (...args: unknown[]) => void answers.push(String(args[0])))
    const closed = new Promise((resolve) => engine.once('close', resolve))
    for (let i = 0; i < 100; i++) engine.write(`0{"token":"x","user":"${i}"}`)
    await closed
    // At most the 20 allowed refusals and the one saying the connection closes get an answer; in a burst,
    // answers still queued when the connection closes are dropped with it.
    const errors = answers.filter((answer) => answer.startsWith('4{'))
    expect(errors.length).toBeLessThanOrEqual(21)
    expect(logger.warnings).toHaveLength(2)
    expect(logger.warnings[0]).toMatch(/handshake from connection \S+: UNAUTHORIZED: Invalid handshake auth/)
    expect(logger.warnings[1]).toMatch(/closed: more than 20 refused CONNECT attempts/)
  })

  it('coolDown refuses new connections from the same address for a while', async () => {
    const { io, url } = await startServer(chat, {
      limits: { escalation: { refusals: 2, coolDown: 60_000 } },
    })
    io.on('connection', () => {})
    const first = await rawConnected(url)
    const gone = new Promise((resolve) => first.on('disconnect', resolve))
    for (let i = 0; i < 5; i++) first.emit('nope')
    await gone
    await expect(rawConnected(url)).rejects.toMatchObject({
      data: { code: 'RATE_LIMITED', message: expect.stringMatching(/retry in 60 s/) },
    })
  })
})

describe('per-event limits', () => {
  it('drops fire-and-forget events over their rate silently and answers requests RATE_LIMITED', async () => {
    const logger = recordingLogger()
    const onError = vi.fn<(error: VolleyError, context: ServerErrorContext) => void>()
    const { io, url } = await startServer(game, {
      logger,
      onError,
      limits: {
        events: {
          input: { rate: { points: 3, duration: 60_000 } },
          chat: { rate: { points: 2, duration: 60_000 } },
        },
      },
    })
    const inputs: number[] = []
    io.on('connection', (socket) => {
      socket.on('input', ({ seq }) => void inputs.push(seq))
      socket.on('chat', () => ({ ok: true }))
      socket.on('ping', () => 'pong' as const)
    })
    const client = connectClient(game, url)
    await connected(client)
    for (let seq = 0; seq < 10; seq++) client.emit('input', { dx: 1, dy: 0, seq })
    const chats = await Promise.allSettled([1, 2, 3].map(() => client.request('chat', { text: 'hi' })))
    // Other events keep their own budget.
    await expect(client.request('ping', undefined)).resolves.toBe('pong')
    expect(inputs).toEqual([0, 1, 2])
    expect(chats.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected'])
    expect((chats[2] as PromiseRejectedResult).reason).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many "chat" events: at most 2 per 60000 ms. Slow down and retry.',
    })
    expect(onError).toHaveBeenCalledTimes(8)
    expect(onError.mock.calls.every(([error]) => error.code === 'RATE_LIMITED')).toBe(true)
    expect(logger.warnings).toHaveLength(1)
  })

  it('caps payload size: requests over maxBytes get PAYLOAD_TOO_LARGE, fire-and-forget ones are dropped', async () => {
    const onError = vi.fn<(error: VolleyError, context: ServerErrorContext) => void>()
    const { io, url } = await startServer(game, {
      onError,
      limits: { events: { input: { maxBytes: 64 }, chat: { maxBytes: 100 } } },
    })
    const inputs: number[] = []
    io.on('connection', (socket) => {
      socket.on('input', ({ seq }) => void inputs.push(seq))
      socket.on('chat', () => ({ ok: true }))
    })
    const socket = await rawConnected(url)
    socket.emit('input', { dx: 1, dy: 2, seq: 1 })
    socket.emit('input', { dx: 1, dy: 2, seq: 2, pad: 'x'.repeat(100) })
    socket.emit('input', { dx: 1, dy: 2, seq: 3, list: Array.from({ length: 100_000 }, () => 0) })
    await expect(socket.timeout(5000).emitWithAck('chat', { text: 'x'.repeat(80) })).resolves.toEqual({
      ok: true,
      data: { ok: true },
    })
    await expect(socket.timeout(5000).emitWithAck('chat', { text: 'x'.repeat(120) })).resolves.toEqual({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'The payload of "chat" is larger than 100 bytes.' },
    })
    expect(inputs).toEqual([1])
    expect(onError.mock.calls.map(([error, context]) => [error.code, context.event])).toEqual([
      ['PAYLOAD_TOO_LARGE', 'input'],
      ['PAYLOAD_TOO_LARGE', 'input'],
      ['PAYLOAD_TOO_LARGE', 'chat'],
    ])
  })

  it('io.of takes per-event limits for its own contract', async () => {
    const { io, url } = await startServer(chat)
    const arena = io.of('/arena', game, { events: { input: { rate: { points: 1, duration: 60_000 } } } })
    const inputs: number[] = []
    arena.on('connection', (socket) => {
      socket.on('input', ({ seq }) => void inputs.push(seq))
      socket.on('ping', () => 'pong' as const)
    })
    const client = connectClient(game, `${url}/arena`)
    await connected(client)
    for (let seq = 0; seq < 3; seq++) client.emit('input', { dx: 0, dy: 0, seq })
    await expect(client.request('ping', undefined)).resolves.toBe('pong')
    expect(inputs).toEqual([0])
  })

  it('refuses limits for events outside the contract, and malformed values, with a clear message', () => {
    expect(() =>
      createServer(game, {
        limits: { events: { nope: { maxBytes: 1 } } as never },
      }),
    ).toThrow('[volley] createServer: limits.events["nope"] is not a clientToServer event of this contract.')
    expect(() => createServer(game, { limits: { events: { input: { maxBytes: 0 } } } })).toThrow(
      /limits.events\["input"\].maxBytes must be a positive number, got 0/,
    )
    expect(() =>
      createServer(game, { limits: { events: { input: { rate: { points: 0, duration: 1 } } } } }),
    ).toThrow(/limits.events\["input"\].rate must be \{ points: number >= 1/)
    expect(() => createServer(game, { limits: { escalation: { refusals: -1 } } })).toThrow(
      /limits.escalation.refusals must be a positive number/,
    )
    expect(() => createServer(game, { limits: { outgoing: { grace: Number.NaN } } })).toThrow(
      /limits.outgoing.grace must be a positive number/,
    )
  })
})

describe('refusals after a disconnect', () => {
  it('messages still buffered when a socket disconnects reach no handler', async () => {
    const { io, url } = await startServer(chat)
    const handler = vi.fn(() => ({ members: 1 }))
    io.on('connection', (socket) => {
      socket.on('room:join', handler)
      socket.on('typing', () => socket.disconnect())
    })
    const socket = await rawConnected(url)
    writeRaw(socket, `2["typing",{"room":"r"}]`)
    for (let i = 0; i < 20; i++) writeRaw(socket, `2["room:join",{"room":"r"}]`)
    await sleep(100)
    expect(handler).not.toHaveBeenCalled()
  })
})
