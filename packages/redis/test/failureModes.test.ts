import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { io as rawClient, type Socket as RawClientSocket } from 'socket.io-client'
import { z } from 'zod'
import { defineContract, type VolleyLogger } from '@volley/core'
import { Redis } from 'ioredis'
import { createRedisOptions } from '../src/index'
import { chat } from './fixtures'
import { connectClient, connected, onCleanup, redisClient, startServer, useRedisServer } from './helpers'

const redis = useRedisServer()

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function recordingLogger(): VolleyLogger & { errors: string[] } {
  const errors: string[] = []
  return { errors, warn: () => {}, error: (message) => void errors.push(message) }
}

/** A contract with handshake auth, for recovery across nodes. */
const guarded = defineContract({
  auth: z.object({ token: z.literal('secret') }),
  clientToServer: { join: { payload: z.object({ room: z.string() }), ack: z.object({ ok: z.boolean() }) } },
  serverToClient: {
    notice: { payload: z.object({ text: z.string() }) },
    shout: { payload: z.string() },
  },
})

/** A raw socket.io client (no Volley code), closed after the test. */
function raw(url: string, auth: Record<string, unknown>, autoConnect = true): RawClientSocket {
  const socket = rawClient(url, {
    transports: ['websocket'],
    auth,
    reconnection: false,
    forceNew: true,
    autoConnect,
  })
  onCleanup(() => socket.disconnect())
  return socket
}

describe('connection state recovery across nodes', () => {
  it('offsets from another node never reach the payload; a session from node one recovers on node two, with auth checked', async () => {
    const prefix = `p-${randomUUID()}`
    const nodes = []
    for (let i = 0; i < 2; i += 1) {
      const node = await startServer(guarded, {
        ...createRedisOptions(await redisClient(redis.server.url), { prefix }),
        connectionStateRecovery: { skipMiddlewares: true },
      })
      node.io.on('connection', (socket) =>
        socket.on('join', async ({ room }) => {
          await socket.raw.join(room)
          return { ok: true }
        }),
      )
      nodes.push(node)
    }
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]]

    // A Volley client on node one gets node two's broadcasts (offset appended by the adapter) intact.
    const client = connectClient(guarded, one.url, { auth: { token: 'secret' } })
    await connected(client)
    await client.request('join', { room: 'r' })
    const notices: unknown[] = []
    const shouts: unknown[] = []
    client.on('notice', (notice) => void notices.push(notice))
    client.on('shout', (text) => void shouts.push(text))
    two.io.to('r').emit('notice', { text: 'stored' })
    two.io.to('r').emit('shout', 'a string payload')
    await vi.waitFor(() => expect(shouts).toEqual(['a string payload']))
    // Volatile: no offset (Volley puts null in its place); sent alone, as a volatile emit may be dropped
    // while the previous packet is still being written.
    two.io.to('r').volatile.emit('shout', 'volatile')
    await vi.waitFor(() => expect(shouts).toEqual(['a string payload', 'volatile']))
    expect(notices).toEqual([{ text: 'stored' }])

    // Plain socket.io clients on node one, whose connections drop; they come back on node two.
    const dropped = async () => {
      const socket = raw(one.url, { token: 'secret' })
      await new Promise<void>((resolve) => socket.on('connect', () => resolve()))
      await new Promise((resolve) => socket.emit('join', { room: 'r' }, resolve))
      const seen: unknown[][] = []
      socket.on('notice', (...args: unknown[]) => void seen.push(args))
      two.io.to('r').emit('notice', { text: 'before' })
      await vi.waitFor(() => expect(seen).toHaveLength(1))
      const pid = (socket as unknown as { _pid: string })._pid
      const offset = (socket as unknown as { _lastOffset: string })._lastOffset
      expect(seen[0]).toEqual([{ text: 'before' }, offset])
      const members = one.io.raw.of('/').adapter.rooms.get('r')?.size ?? 0
      socket.io.engine.close() // transport close: the session is kept in Redis
      await vi.waitFor(() => expect(one.io.raw.of('/').adapter.rooms.get('r')?.size ?? 0).toBe(members - 1))
      return { pid, offset }
    }

    // A restorable session with the wrong auth: refused (skipMiddlewares never skips Volley's auth).
    const stolen = await dropped()
    const intruder = raw(two.url, { token: 'wrong', ...stolen })
    const refused = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
      intruder.on('connect_error', resolve),
    )
    expect(refused.data?.code).toBe('UNAUTHORIZED')

    // With the right auth, the session of node one is restored on node two with what it missed.
    const session = await dropped()
    two.io.to('r').emit('notice', { text: 'missed' })
    // As socket.io-client resumes: its session id and last offset, now sent to another node.
    const back = raw(two.url, { token: 'secret' }, false)
    Object.assign(back, { _pid: session.pid, _lastOffset: session.offset })
    back.connect()
    const missed: unknown[][] = []
    back.on('notice', (...args: unknown[]) => void missed.push(args))
    await new Promise<void>((resolve) => back.on('connect', () => resolve()))
    expect(back.recovered).toBe(true)
    await vi.waitFor(() => expect(missed.map((args) => args[0])).toEqual([{ text: 'missed' }]))
    expect(typeof missed[0]![1]).toBe('string')
  })
})

describe('Redis outages', () => {
  it('an ioredis client without an error listener never crashes the server; emits made during the outage arrive after it', async () => {
    const logged: string[] = []
    const spy = vi
      .spyOn(console, 'error')
      .mockImplementation((...args: unknown[]) => void logged.push(String(args[0])))
    onCleanup(() => spy.mockRestore())
    const bare = new Redis(redis.server.url) // no 'error' listener, as a user might write it
    onCleanup(() => bare.disconnect())
    await new Promise((resolve) => bare.once('ready', resolve))
    const prefix = `p-${randomUUID()}`
    const { io, url } = await startServer(chat, createRedisOptions(bare, { prefix }))
    io.on('connection', (socket) =>
      socket.on('join', ({ room }) => (void socket.raw.join(room), { node: 'a' })),
    )
    const client = connectClient(chat, url)
    await connected(client)
    await client.request('join', { room: 'r' })
    const received: string[] = []
    client.on('notice', ({ text }) => void received.push(text))

    await redis.server.stop()
    await vi.waitFor(() =>
      expect(logged.some((line) => line.includes('[ioredis] Unhandled error event'))).toBe(true),
    )
    io.to('r').emit('notice', { text: 'during' })
    await sleep(500)
    expect(received).toEqual([]) // local emits wait for the adapter's write to Redis
    expect(await client.request('join', { room: 'r2' })).toEqual({ node: 'a' }) // the server still answers
    await redis.server.start()
    await vi.waitFor(() => expect(received).toEqual(['during']), { timeout: 15_000 })
  })

  it('measures the stall: local emits during a 3 s outage are buffered, then delivered in order', async () => {
    const prefix = `p-${randomUUID()}`
    const publisher = await redisClient(redis.server.url)
    const { io, url } = await startServer(chat, createRedisOptions(publisher, { prefix }))
    io.on('connection', (socket) =>
      socket.on('join', ({ room }) => (void socket.raw.join(room), { node: 'a' })),
    )
    const client = connectClient(chat, url)
    await connected(client)
    await client.request('join', { room: 'r' })
    const arrivals: { n: number; at: number }[] = []
    client.on('notice', ({ text }) => void arrivals.push({ n: Number(text), at: Date.now() }))

    await redis.server.stop()
    const down = Date.now()
    let queued = 0
    const sent: number[] = []
    for (let n = 0; n < 300; n += 1) {
      sent.push(Date.now())
      io.to('r').emit('notice', { text: String(n) })
      queued = Math.max(
        queued,
        (publisher as unknown as { offlineQueue: { length: number } }).offlineQueue.length,
      )
      await sleep(10)
    }
    const outage = 3_000 - (Date.now() - down)
    if (outage > 0) await sleep(outage)
    expect(arrivals).toEqual([])
    await redis.server.start()
    const up = Date.now()
    await vi.waitFor(() => expect(arrivals).toHaveLength(300), { timeout: 20_000 })
    expect(arrivals.map((arrival) => arrival.n)).toEqual(sent.map((_, n) => n))
    const stall = arrivals[0]!.at - sent[0]!
    console.log(
      `[outage] Redis down ${up - down} ms: 300 local emits buffered (ioredis offline queue peaked at ${queued} commands); the first waited ${stall} ms, the last arrived ${arrivals[299]!.at - up} ms after Redis was back`,
    )
    expect(queued).toBeGreaterThan(0)
  })
})

describe('socket.data that connection state recovery cannot keep', () => {
  it('the raw adapter throws on such a session (the defect)', async () => {
    const { io } = await startServer(chat, {
      ...createRedisOptions(await redisClient(redis.server.url), {
        prefix: `p-${randomUUID()}`,
        logger: false,
      }),
      connectionStateRecovery: {},
    })
    const adapter = io.raw.of('/').adapter as unknown as { persistSession: (s: unknown) => void }
    // Volley's guard answers instead of throwing; the adapter underneath would throw:
    const { encode } = await import('@msgpack/msgpack')
    expect(() => encode({ data: { id: 1n } })).toThrow(/Unrecognized object/)
    expect(() => adapter.persistSession({ sid: 's', pid: 'p', rooms: [], data: { id: 1n } })).not.toThrow()
  })

  it('is reported when the socket connects, and its disconnect neither crashes nor keeps a session', async () => {
    const logger = recordingLogger()
    const prefix = `p-${randomUUID()}`
    const client = await redisClient(redis.server.url)
    const { io, url } = await startServer(chat, {
      ...createRedisOptions(client, { prefix, logger }),
      connectionStateRecovery: {},
      socketData: () => ({ user: { id: 10n }, format: (n: number) => n.toFixed(2) }),
    })
    const disconnected: string[] = []
    io.on(
      'connection',
      (socket) => void socket.raw.on('disconnect', (reason) => void disconnected.push(reason)),
    )
    const socket = raw(url, {})
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()))
    await vi.waitFor(() => expect(logger.errors).toHaveLength(1))
    expect(logger.errors[0]).toMatch(
      /^\[volley\] Socket \S+ connected with a socket\.data that connection state recovery over Redis cannot keep: socket\.data\.user\.id is a bigint\. .*store a bigint as a string/,
    )
    socket.io.engine.close()
    await vi.waitFor(() => expect(disconnected).toEqual([expect.stringMatching(/^transport (close|error)$/)]))
    expect(logger.errors[1]).toMatch(
      /cannot keep its session: socket\.data\.user\.id is a bigint\. Its client will connect as a new socket/,
    )
    expect(await client.keys(`${prefix}:session:*`)).toEqual([])
  })

  it('keeps sessions whose socket.data is JSON-like, with no message', async () => {
    const logger = recordingLogger()
    const prefix = `p-${randomUUID()}`
    const client = await redisClient(redis.server.url)
    const { url } = await startServer(chat, {
      ...createRedisOptions(client, { prefix, logger }),
      connectionStateRecovery: {},
      socketData: () => ({
        user: { id: '10', since: new Date(0), tags: ['a'] },
        avatar: new Uint8Array([1]),
      }),
    })
    const socket = raw(url, {})
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()))
    socket.io.engine.close()
    await vi.waitFor(async () => expect(await client.keys(`${prefix}:session:*`)).toHaveLength(1))
    expect(logger.errors).toEqual([])
  })
})
