import type { Socket } from 'socket.io-client'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { defineContract, type Schema } from '../src/index'
import type { VolleySocket } from '../src/server/index'
import { connectClient, connected, sleep, startServer, until } from './helpers'

// socket.io's connection state recovery (CSR): the server appends an offset to every stored event, skips
// middlewares for recovered sockets by default, and the client adds `pid` and `offset` to the handshake auth.

/** A schema that counts how often it ran, around a strict zod object. */
function countingAuth(): {
  schema: Schema<{ token: string }, { token: string; checked: true }>
  runs: () => number
} {
  let runs = 0
  const inner = z
    .strictObject({ token: z.string().min(1) })
    .transform((auth) => ({ ...auth, checked: true as const }))
  return {
    runs: () => runs,
    schema: {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: (value) => {
          runs += 1
          return inner['~standard'].validate(value) as never
        },
      },
    },
  }
}

const events = defineContract({
  clientToServer: {
    go: { payload: z.undefined(), ack: z.literal(true) },
    // Volatile emits are dropped while the transport is busy: one per request keeps the test deterministic.
    volatile: { payload: z.enum(['word', 'nothing', 'nullable']), ack: z.literal(true) },
  },
  serverToClient: {
    tick: { payload: z.number() },
    word: { payload: z.string() },
    nothing: { payload: z.undefined() },
    nullable: { payload: z.null() },
    ask: { payload: z.string(), ack: z.string() },
  },
})

/** Cuts the transport (as a network drop does): socket.io-client reconnects and may recover. */
async function dropConnection(client: {
  raw: Socket
  getSnapshot(): { status: string }
  subscribe(l: () => void): () => void
}) {
  client.raw.io.engine.close()
  await until(client, (s) => s.status === 'reconnecting')
}

describe('connection state recovery: server events', () => {
  for (const recovery of [false, true]) {
    it(`every kind of server event reaches its handler with its one payload (CSR ${recovery ? 'on' : 'off'})`, async () => {
      const onError = vi.fn()
      const { io, url } = await startServer(events, recovery ? { connectionStateRecovery: {} } : {})
      const answers: unknown[] = []
      io.on('connection', (socket) => {
        void socket.join('room')
        socket.on('go', async () => {
          socket.emit('tick', 1)
          socket.emit('word', 'own')
          socket.emit('nothing')
          socket.emit('nullable', null)
          io.emit('tick', 2)
          io.to('room').emit('word', 'room')
          io.emit('nothing')
          answers.push(await socket.request('ask', 'question'))
          return true as const
        })
        socket.on('volatile', async (kind) => {
          await sleep(20)
          if (kind === 'word') io.volatile.emit('word', 'volatile')
          else if (kind === 'nothing') io.volatile.emit('nothing')
          else io.volatile.emit('nullable', null)
          return true as const
        })
      })
      const client = connectClient(events, url, { onError })
      const received: unknown[] = []
      client.on('tick', (n) => void received.push(n))
      client.on('word', (w) => void received.push(w))
      client.on('nothing', (n) => void received.push(n === undefined ? 'undefined' : n))
      client.on('nullable', (n) => void received.push(n))
      client.on('ask', (question) => `${question}!`)
      await connected(client)
      await client.request('go', undefined)
      for (const kind of ['word', 'nothing', 'nullable'] as const) await client.request('volatile', kind)
      await vi.waitFor(() => expect(received).toHaveLength(10))
      expect(received).toEqual([
        1,
        'own',
        'undefined',
        null,
        2,
        'room',
        'undefined',
        'volatile',
        'undefined',
        null,
      ])
      expect(answers).toEqual(['question!'])
      expect(onError).not.toHaveBeenCalled()
      expect(Boolean((client.raw as unknown as { _pid?: string })._pid)).toBe(recovery)
    })
  }

  it('a recovered reconnect says so in the snapshot, and the events sent meanwhile arrive once', async () => {
    const { io, url } = await startServer(events, { connectionStateRecovery: {} })
    const sockets: VolleySocket<typeof events>[] = []
    io.on('connection', (socket) => void sockets.push(socket))
    const client = connectClient(events, url, { reconnectionDelay: 200, reconnectionDelayMax: 200 })
    const ticks: number[] = []
    client.on('tick', (n) => void ticks.push(n))
    // No event is received before the drop: Volley's server still gives the client an offset to resume from.
    await connected(client)
    expect(client.getSnapshot().recovered).toBe(false)
    await dropConnection(client)
    for (let n = 0; n < 20; n += 1) io.emit('tick', n)
    await connected(client)
    expect(client.getSnapshot().recovered).toBe(true)
    expect(sockets.map((socket) => socket.raw.recovered)).toEqual([false, true])
    await vi.waitFor(() => expect(ticks).toHaveLength(20))
    expect(ticks).toEqual(Array.from({ length: 20 }, (_, n) => n))
  })
})

describe('connection state recovery: handshake auth', () => {
  const contractWith = (auth: Schema<{ token: string }, { token: string; checked: true }>) =>
    defineContract({
      clientToServer: {
        whoami: { payload: z.undefined(), ack: z.object({ token: z.string(), checked: z.boolean() }) },
      },
      serverToClient: { tick: { payload: z.number() } },
      auth,
    })

  for (const skipMiddlewares of [true, false]) {
    it(`a recovered socket has its validated auth (skipMiddlewares: ${skipMiddlewares}); socket.io's pid and offset never reach a strict schema`, async () => {
      const auth = countingAuth()
      const contract = contractWith(auth.schema)
      const middleware = vi.fn((_socket: unknown, next: () => void) => next())
      const { io, url } = await startServer(contract, {
        connectionStateRecovery: { skipMiddlewares },
        socketData: () => ({ connectedAt: Date.now() }),
      })
      io.use(middleware)
      const seen: { recovered: boolean; auth: unknown; data: unknown }[] = []
      io.on('connection', (socket) => {
        seen.push({ recovered: socket.raw.recovered, auth: socket.auth, data: socket.data })
        socket.on('whoami', () => socket.auth)
        socket.emit('tick', 1)
      })
      const client = connectClient(contract, url, {
        auth: { token: 'secret' },
        reconnectionDelay: 50,
        reconnectionDelayMax: 50,
      })
      await connected(client)
      await sleep(20)
      await dropConnection(client)
      await connected(client)
      await expect(client.request('whoami', undefined)).resolves.toEqual({ token: 'secret', checked: true })
      expect(seen.map((s) => s.recovered)).toEqual([false, true])
      for (const s of seen) expect(s.auth).toEqual({ token: 'secret', checked: true })
      // The auth schema runs for every connection, recovered or not.
      expect(auth.runs()).toBe(2)
      // socket.data is restored by socket.io, not rebuilt by socketData.
      expect(seen[1]!.data).toEqual(seen[0]!.data)
      // Middlewares added with io.use follow skipMiddlewares.
      expect(middleware).toHaveBeenCalledTimes(skipMiddlewares ? 1 : 2)
    })
  }

  it('a connection that cannot be recovered (session expired) still passes a strict auth schema', async () => {
    const auth = countingAuth()
    const contract = contractWith(auth.schema)
    const { io, url } = await startServer(contract, {
      connectionStateRecovery: { maxDisconnectionDuration: 0, skipMiddlewares: false },
    })
    io.on('connection', (socket) => socket.on('whoami', () => socket.auth))
    const client = connectClient(contract, url, {
      auth: { token: 'secret' },
      reconnectionDelay: 50,
      reconnectionDelayMax: 50,
    })
    await connected(client)
    await dropConnection(client)
    await connected(client)
    expect(client.getSnapshot()).toMatchObject({ recovered: false, lastError: undefined })
    await expect(client.request('whoami', undefined)).resolves.toEqual({ token: 'secret', checked: true })
  })

  it('skipMiddlewares: true never skips the auth check: auth that became invalid is refused on recovery', async () => {
    const auth = countingAuth()
    const contract = contractWith(auth.schema)
    const { io, url } = await startServer(contract, { connectionStateRecovery: {} })
    io.on('connection', (socket) => socket.emit('tick', 1))
    let token = 'secret'
    const client = connectClient(contract, url, {
      auth: (callback) => callback({ token }),
      reconnectionDelay: 50,
      reconnectionDelayMax: 50,
    })
    await connected(client)
    await sleep(20)
    token = ''
    client.raw.io.engine.close()
    await until(client, (s) => s.lastError?.code === 'UNAUTHORIZED')
    expect(client.getSnapshot().status).not.toBe('connected')
    expect(io.sockets).toHaveLength(0)
  })
})
