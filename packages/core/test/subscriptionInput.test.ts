import { io as rawClient, type Socket } from 'socket.io-client'
import { describe, expect, it, vi } from 'vitest'
import { VolleyError } from '../src/index'
import { MemorySubscriptionStore, type CreateServerOptions } from '../src/server/index'
import { feed } from './fixtures'
import { connectClient, connected, recordingLogger, sleep, startServer, until } from './helpers'

// Hostile or broken input on the subscription protocol: typed errors, nothing crashes, and a well-behaved
// subscriber of the same server keeps receiving its items.

function rawConnected(url: string): Promise<Socket> {
  const socket = rawClient(url, { transports: ['websocket'], reconnection: false })
  return new Promise((resolve, reject) => {
    socket.on('connect', () => resolve(socket))
    socket.on('connect_error', reject)
  })
}

async function setup(options: CreateServerOptions = {}) {
  const store = new MemorySubscriptionStore()
  const logger = recordingLogger()
  const onError = vi.fn()
  const { io, url } = await startServer(feed, { subscriptionStore: store, logger, onError, ...options })
  io.subscription('room:messages', {
    authorize: ({ params }) => {
      if (params.room === 'vip') throw new VolleyError('UNAUTHORIZED', 'Members only')
      if (params.room === 'broken') throw new Error('database password is hunter2')
      return params.room !== 'secret'
    },
  })
  // A well-behaved subscriber, watched throughout.
  const client = connectClient(feed, url)
  const received: number[] = []
  const subscription = client.subscribe(
    'room:messages',
    { room: 'lobby' },
    {
      onItems: (items) => void received.push(...items.map((item) => item.n)),
    },
  )
  await until(subscription, (s) => s.status === 'live')
  const socket = await rawConnected(url)
  return { io, url, store, logger, onError, received, socket }
}

describe('subscriptions: bad input gets a typed error and loses nothing', () => {
  it('answers every malformed subscribe with its own code and message', async () => {
    const { io, store, received, socket, logger } = await setup()
    try {
      const subscribe = (payload: unknown) => socket.timeout(5_000).emitWithAck('$volley:subscribe', payload)
      const cases: [unknown, string, RegExp][] = [
        ['not an object', 'VALIDATION_FAILED', /takes \{ name, params, cursor\? \}/],
        [{ params: {} }, 'VALIDATION_FAILED', /takes \{ name, params, cursor\? \}/],
        [
          { name: 'nope', params: {} },
          'UNKNOWN_EVENT',
          /"nope" is not a subscription of this server's contract/,
        ],
        [
          { name: 'doc', params: { doc: 'a' } },
          'UNKNOWN_EVENT',
          /No handler is registered for subscription "doc"/,
        ],
        [
          { name: 'room:messages', params: { room: '' } },
          'VALIDATION_FAILED',
          /Invalid params for "room:messages" at room/,
        ],
        [
          { name: 'room:messages', params: 'lobby' },
          'VALIDATION_FAILED',
          /Invalid params for "room:messages"/,
        ],
        [
          { name: 'room:messages', params: { room: JSON.parse(`${'['.repeat(100)}1${']'.repeat(100)}`) } },
          'VALIDATION_FAILED',
          /nest deeper than 32 levels/,
        ],
        [
          { name: 'room:messages', params: { room: 'a' }, cursor: 42 },
          'VALIDATION_FAILED',
          /must be a string of 1 to 256/,
        ],
        [
          { name: 'room:messages', params: { room: 'a' }, cursor: '' },
          'VALIDATION_FAILED',
          /must be a string of 1 to 256/,
        ],
        [
          { name: 'room:messages', params: { room: 'a' }, cursor: 'not a cursor' },
          'VALIDATION_FAILED',
          /is not a cursor of this server's subscription store/,
        ],
        [
          { name: 'room:messages', params: { room: 'lobby' }, cursor: `${store.epoch}:999999` },
          'VALIDATION_FAILED',
          /past the end of its stream: it was not sent by this server/,
        ],
        [
          { name: 'room:messages', params: { room: 'a' }, from: 'yesterday' },
          'VALIDATION_FAILED',
          /must be "start" or "now"/,
        ],
        [
          { name: 'room:messages', params: { room: 'secret' } },
          'UNAUTHORIZED',
          /Not allowed to subscribe to "room:messages"/,
        ],
        [{ name: 'room:messages', params: { room: 'vip' } }, 'UNAUTHORIZED', /^Members only$/],
        [{ name: 'room:messages', params: { room: 'broken' } }, 'HANDLER_ERROR', /^The handler failed/],
      ]
      for (const [payload, code, message] of cases) {
        const reply = await subscribe(payload)
        expect(reply, JSON.stringify(payload).slice(0, 80)).toMatchObject({ ok: false, error: { code } })
        expect(reply.error.message).toMatch(message)
        expect(JSON.stringify(reply)).not.toContain('hunter2')
      }
      await expect(socket.timeout(5_000).emitWithAck('$volley:unsubscribe', 7)).resolves.toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      })
      await expect(socket.timeout(5_000).emitWithAck('$volley:nope', {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_EVENT' },
      })
      // Nothing was joined by the refused subscribes, and the good subscriber still gets its items.
      expect(
        [...io.raw.of('/').adapter.rooms.keys()].filter((room) => room.startsWith('$volley:')),
      ).toHaveLength(1)
      for (let n = 0; n < 5; n += 1)
        await io.publish('room:messages', { room: 'lobby' }, { room: 'lobby', n })
      await vi.waitFor(() => expect(received).toEqual([0, 1, 2, 3, 4]))
      expect(logger.errors.some((line) => line.includes('$volley:subscribe'))).toBe(true)
    } finally {
      socket.disconnect()
    }
  })

  it('refuses a 10 MB cursor with VALIDATION_FAILED when socket.io lets it through', async () => {
    const { io, received, socket } = await setup({ maxHttpBufferSize: 2e7 })
    try {
      const reply = await socket.timeout(15_000).emitWithAck('$volley:subscribe', {
        name: 'room:messages',
        params: { room: 'a' },
        cursor: 'x'.repeat(10_000_000),
      })
      expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
      expect(reply.error.message).toMatch(/must be a string of 1 to 256 characters/)
      await io.publish('room:messages', { room: 'lobby' }, { room: 'lobby', n: 1 })
      await vi.waitFor(() => expect(received).toEqual([1]))
    } finally {
      socket.disconnect()
    }
  })

  it("with socket.io's default 1 MB limit a 10 MB cursor closes only the sender's connection", async () => {
    const { io, received, socket } = await setup()
    const closed = new Promise((resolve) => socket.once('disconnect', resolve))
    socket.emit('$volley:subscribe', {
      name: 'room:messages',
      params: { room: 'a' },
      cursor: 'x'.repeat(10_000_000),
    })
    await expect(closed).resolves.toBe('transport close')
    await io.publish('room:messages', { room: 'lobby' }, { room: 'lobby', n: 2 })
    await vi.waitFor(() => expect(received).toEqual([2]))
  })

  it('a Volley client refuses invalid params locally: they never reach the server', async () => {
    const { io, url } = await startServer(feed)
    const authorize = vi.fn(() => true)
    io.subscription('room:messages', { authorize })
    const client = connectClient(feed, url)
    await connected(client)
    const onError = vi.fn()
    const subscription = client.subscribe('room:messages', { room: '' }, { onError })
    expect(subscription.getSnapshot()).toMatchObject({
      status: 'error',
      error: { code: 'VALIDATION_FAILED' },
    })
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'VALIDATION_FAILED' }))
    await sleep(50)
    expect(authorize).not.toHaveBeenCalled()
    expect(() => client.subscribe('nope' as 'doc', { doc: 'a' })).toThrow(
      /"nope" is not a subscription of this contract/,
    )
  })

  it('a refused subscription reports its error, and an item that breaks its schema is skipped and reported', async () => {
    const { io, url } = await startServer(feed)
    io.subscription('room:messages', { authorize: ({ params }) => params.room !== 'secret' })
    const onClientError = vi.fn()
    const client = connectClient(feed, url, { onError: onClientError })
    const refused = vi.fn()
    const secret = client.subscribe('room:messages', { room: 'secret' }, { onError: refused })
    await until(secret, (s) => s.status === 'error')
    expect(secret.getSnapshot().error).toMatchObject({ code: 'UNAUTHORIZED' })
    expect(refused).toHaveBeenCalledTimes(1)
    const items: unknown[] = []
    const lobby = client.subscribe(
      'room:messages',
      { room: 'lobby' },
      { onItems: (batch) => void items.push(...batch) },
    )
    await until(lobby, (s) => s.status === 'live')
    await io.publish('room:messages', { room: 'lobby' }, { room: 'lobby', n: 1 })
    await io.publish('room:messages', { room: 'lobby' }, { room: 'lobby', n: 'two' } as never)
    await io.publish('room:messages', { room: 'lobby' }, { room: 'lobby', n: 3 })
    await vi.waitFor(() =>
      expect(items).toEqual([
        { room: 'lobby', n: 1 },
        { room: 'lobby', n: 3 },
      ]),
    )
    expect(onClientError).toHaveBeenCalledWith(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('Invalid item for "room:messages"'),
      }),
      expect.anything(),
    )
  })
})
