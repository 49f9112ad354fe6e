import { io as rawClient, type Socket } from 'socket.io-client'
import { describe, expect, it, vi } from 'vitest'
import { VolleyError } from '../src/index'
import type { VolleyClient } from '../src/client/index'
import { feed } from './fixtures'
import { connectClient, connected, sleep, startServer, until } from './helpers'

type Feed = typeof feed

/** A server whose `count` handler counts how often it ran for each `n`. */
async function countingServer(handler?: (n: number, runs: number) => Promise<void> | void) {
  const { io, url } = await startServer(feed)
  const runs = new Map<number, number>()
  io.on('connection', (socket) =>
    socket.on('count', async ({ n }) => {
      const count = (runs.get(n) ?? 0) + 1
      runs.set(n, count)
      await handler?.(n, count)
      return { n, runs: count }
    }),
  )
  return { io, url, runs }
}

/** Makes the client send every `$volley:idempotent` packet twice: the second is a duplicate on the wire. */
function duplicateEverySend(client: VolleyClient<Feed>): { sends: () => number } {
  const raw = client.raw as unknown as { emit: (...args: unknown[]) => unknown }
  const emit = raw.emit.bind(raw)
  let sends = 0
  raw.emit = (event: unknown, ...args: unknown[]) => {
    if (event === '$volley:idempotent') {
      sends += 2
      emit(event, args[0], () => {})
    }
    return emit(event, ...args)
  }
  return { sends: () => sends }
}

describe('the outbox and idempotent requests', () => {
  it('200 requests queued offline, each sent twice: each runs once, every promise resolves with its ack, in order', async () => {
    const { url, runs } = await countingServer()
    const client = connectClient(feed, url, { autoConnect: false, outboxLimit: 500 })
    const wire = duplicateEverySend(client)
    const resolved: number[] = []
    const requests = Array.from({ length: 200 }, (_, n) =>
      client.request('count', { n }, { queue: true }).then((ack) => {
        resolved.push(ack.n)
        return ack
      }),
    )
    expect(client.outbox.getSnapshot().size).toBe(200)
    expect(client.outbox.getSnapshot().items[0]).toMatchObject({
      event: 'count',
      payload: { n: 0 },
      status: 'queued',
    })
    client.connect()
    const acks = await Promise.all(requests)
    expect(acks).toEqual(Array.from({ length: 200 }, (_, n) => ({ n, runs: 1 })))
    expect(resolved).toEqual(Array.from({ length: 200 }, (_, n) => n))
    await sleep(50)
    expect(wire.sends()).toBe(400)
    expect([...runs.values()].every((count) => count === 1)).toBe(true)
    expect(runs.size).toBe(200)
    expect(client.outbox.getSnapshot().size).toBe(0)
  })

  it('an ack lost to a dropped connection: resent on reconnect with the same key, run once, the first answer kept', async () => {
    let drop = true
    const clients: VolleyClient<Feed>[] = []
    const { url, runs } = await countingServer(async () => {
      if (!drop) return
      drop = false
      // The handler ran; the connection goes before its answer does.
      clients[0]!.raw.io.engine.close()
      await sleep(10)
    })
    const client = connectClient(feed, url, { reconnectionDelay: 100, reconnectionDelayMax: 100 })
    clients.push(client)
    await connected(client)
    const attempts: number[] = []
    client.outbox.subscribe(() => {
      const item = client.outbox.getSnapshot().items[0]
      if (item !== undefined && attempts.at(-1) !== item.attempts) attempts.push(item.attempts)
    })
    await expect(client.request('count', { n: 7 }, { queue: true })).resolves.toEqual({ n: 7, runs: 1 })
    expect(runs.get(7)).toBe(1)
    expect(attempts).toEqual([0, 1, 2])
  })

  it('a duplicate that arrives while the first send runs waits for its answer (plain socket.io client)', async () => {
    const { url, runs } = await countingServer(() => sleep(100))
    const socket: Socket = rawClient(url, { transports: ['websocket'] })
    try {
      await new Promise((resolve) => socket.once('connect', () => resolve(undefined)))
      const send = () =>
        socket
          .timeout(5_000)
          .emitWithAck('$volley:idempotent', { event: 'count', key: 'k-1', payload: { n: 1 } })
      const [first, second] = await Promise.all([send(), send()])
      expect(first).toEqual({ ok: true, data: { n: 1, runs: 1 } })
      expect(second).toEqual(first)
      await expect(send()).resolves.toEqual(first)
      expect(runs.get(1)).toBe(1)
      // Another key runs again; a refused payload leaves no trace, so the corrected resend runs.
      await expect(
        socket
          .timeout(5_000)
          .emitWithAck('$volley:idempotent', { event: 'count', key: 'k-2', payload: { n: 'x' } }),
      ).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
      await expect(
        socket
          .timeout(5_000)
          .emitWithAck('$volley:idempotent', { event: 'count', key: 'k-2', payload: { n: 1 } }),
      ).resolves.toEqual({ ok: true, data: { n: 1, runs: 2 } })
      for (const [payload, code] of [
        [{ event: 'count', payload: { n: 1 } }, 'VALIDATION_FAILED'],
        [{ event: 'count', key: 'k'.repeat(201), payload: { n: 1 } }, 'VALIDATION_FAILED'],
        [{ event: 'nope', key: 'k-3' }, 'UNKNOWN_EVENT'],
        [{ event: 'post', key: 'k-4', payload: { room: 'a', n: 1 } }, 'UNKNOWN_EVENT'],
      ] as const) {
        await expect(socket.timeout(5_000).emitWithAck('$volley:idempotent', payload)).resolves.toMatchObject(
          {
            ok: false,
            error: { code },
          },
        )
      }
    } finally {
      socket.disconnect()
    }
  })

  it('refuses with QUEUE_FULL past outboxLimit, and never queues a payload that fails its schema', async () => {
    const { url } = await countingServer()
    const client = connectClient(feed, url, { autoConnect: false, outboxLimit: 2 })
    const queued = [
      client.request('count', { n: 1 }, { queue: true }),
      client.request('count', { n: 2 }, { queue: true }),
    ]
    await expect(client.request('count', { n: 3 }, { queue: true })).rejects.toMatchObject({
      code: 'QUEUE_FULL',
      message: expect.stringContaining('outboxLimit'),
    })
    await expect(client.request('count', { n: 'x' as never }, { queue: true })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    expect(client.outbox.getSnapshot().size).toBe(2)
    client.connect()
    await expect(Promise.all(queued)).resolves.toHaveLength(2)
  })

  it('takes an aborted request out of the outbox, and clear() rejects what is left', async () => {
    const { url, runs } = await countingServer()
    const client = connectClient(feed, url, { autoConnect: false })
    const controller = new AbortController()
    const aborted = client.request('count', { n: 1 }, { queue: true, signal: controller.signal })
    const kept = client.request('count', { n: 2 }, { queue: true })
    const cleared = client.request('count', { n: 3 }, { queue: true })
    controller.abort(new Error('changed my mind'))
    await expect(aborted).rejects.toThrow('changed my mind')
    expect(client.outbox.getSnapshot().items.map((item) => item.payload)).toEqual([{ n: 2 }, { n: 3 }])
    client.outbox.clear()
    await expect(kept).rejects.toMatchObject({ code: 'DISCONNECTED' })
    await expect(cleared).rejects.toMatchObject({ code: 'DISCONNECTED' })
    client.connect()
    await connected(client)
    await sleep(50)
    expect(runs.size).toBe(0)
  })

  it('a queued request that the server does not answer in time rejects with TIMEOUT and leaves the outbox', async () => {
    const { url } = await countingServer((n) => (n === 1 ? new Promise(() => {}) : undefined))
    const client = connectClient(feed, url)
    await connected(client)
    const slow = client.request('count', { n: 1 }, { queue: true, timeout: 80 })
    const next = client.request('count', { n: 2 }, { queue: true })
    await expect(slow).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'The server did not answer "count" within 80 ms.',
    })
    await expect(next).resolves.toEqual({ n: 2, runs: 1 })
  })

  it('a request with a key but no queue runs once however often it is sent', async () => {
    const { url, runs } = await countingServer()
    const client = connectClient(feed, url)
    await connected(client)
    const key = 'order-42'
    const answers = await Promise.all([1, 2, 3].map(() => client.request('count', { n: 9 }, { key })))
    expect(answers).toEqual([
      { n: 9, runs: 1 },
      { n: 9, runs: 1 },
      { n: 9, runs: 1 },
    ])
    expect(runs.get(9)).toBe(1)
    // Without a key, today's semantics: each request runs.
    await client.request('count', { n: 9 })
    expect(runs.get(9)).toBe(2)
  })

  it('keeps a handler error as the answer of its key, except the codes that say "try again"', async () => {
    const { io, url } = await startServer(feed)
    let calls = 0
    io.on('connection', (socket) =>
      socket.on('count', ({ n }) => {
        calls += 1
        throw new VolleyError(n === 1 ? 'UNAUTHORIZED' : 'RATE_LIMITED', 'no')
      }),
    )
    const client = connectClient(feed, url)
    await connected(client)
    for (let i = 0; i < 2; i += 1) {
      await expect(client.request('count', { n: 1 }, { key: 'a' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      })
    }
    expect(calls).toBe(1)
    // RATE_LIMITED, VALIDATION_FAILED and UNKNOWN_EVENT answers are not kept: a resend runs again.
    for (let i = 0; i < 2; i += 1) {
      await expect(client.request('count', { n: 2 }, { key: 'b' })).rejects.toMatchObject({
        code: 'RATE_LIMITED',
      })
    }
    expect(calls).toBe(3)
  })
})

describe('onConnect', () => {
  it('runs on connect and every reconnect, says whether the session was recovered, and cleans up on disconnect', async () => {
    for (const recovery of [false, true]) {
      const { io, url } = await startServer(feed, recovery ? { connectionStateRecovery: {} } : {})
      io.on('connection', () => {})
      const client = connectClient(feed, url, { reconnectionDelay: 50, reconnectionDelayMax: 50 })
      const events: string[] = []
      const off = client.onConnect(({ recovered, reconnected, id }) => {
        events.push(`connect recovered=${recovered} reconnected=${reconnected} id=${id === client.raw.id}`)
        return () => events.push('cleanup')
      })
      await connected(client)
      client.raw.io.engine.close()
      await until(client, (s) => s.status === 'reconnecting')
      await connected(client)
      // Added while connected: runs at once.
      const late = vi.fn()
      const offLate = client.onConnect(late)
      expect(late).toHaveBeenCalledWith(expect.objectContaining({ reconnected: true }))
      off()
      offLate()
      expect(events).toEqual([
        'connect recovered=false reconnected=false id=true',
        'cleanup',
        `connect recovered=${recovery} reconnected=true id=true`,
        'cleanup',
      ])
      client.disconnect()
    }
  })
})
