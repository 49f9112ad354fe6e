import { describe, expect, it, vi } from 'vitest'
import { VolleyError } from '../src/index'
import { createClient, RequestObserver } from '../src/client/index'
import { chat } from './fixtures'
import { connectClient, connected, sleep, startServer, until } from './helpers'

describe('client: requests', () => {
  it('refuses an invalid payload locally: it never leaves the client', async () => {
    const seen = vi.fn()
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => socket.raw.onAny(seen))
    const client = connectClient(chat, url)
    await connected(client)
    const error = await client
      .request('message:send', { room: 'r', text: 'x'.repeat(2001) })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VolleyError)
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: ['text'] }] })
    expect(() => client.emit('typing', { room: 1 as unknown as string })).toThrow(VolleyError)
    await sleep(50)
    expect(seen).not.toHaveBeenCalled()
  })

  it('rejects with TIMEOUT after the given timeout', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => socket.on('slow', () => new Promise(() => {})))
    const client = connectClient(chat, url)
    await connected(client)
    const started = Date.now()
    await expect(client.request('slow', { ms: 0 }, { timeout: 150 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'The server did not answer "slow" within 150 ms.',
    })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('uses requestTimeout as the default timeout', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => socket.on('slow', () => new Promise(() => {})))
    const client = connectClient(chat, url, { requestTimeout: 80 })
    await connected(client)
    await expect(client.request('slow', { ms: 0 })).rejects.toMatchObject({ code: 'TIMEOUT' })
  })

  it('rejects with DISCONNECTED when the connection drops while waiting', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) =>
      socket.on('slow', () => {
        socket.disconnect()
        return new Promise(() => {})
      }),
    )
    const client = connectClient(chat, url)
    await connected(client)
    await expect(client.request('slow', { ms: 0 })).rejects.toMatchObject({ code: 'DISCONNECTED' })
  })

  it('rejects with DISCONNECTED at once after client.disconnect()', async () => {
    const { url } = await startServer(chat)
    const client = connectClient(chat, url)
    await connected(client)
    client.disconnect()
    await expect(client.request('room:join', { room: 'r' })).rejects.toMatchObject({
      code: 'DISCONNECTED',
      message: expect.stringContaining('client.connect()'),
    })
  })

  it('buffers a request made while connecting and answers it once connected', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => socket.on('room:join', () => ({ members: 3 })))
    const client = connectClient(chat, url)
    expect(client.getSnapshot().status).toBe('connecting')
    await expect(client.request('room:join', { room: 'r' })).resolves.toEqual({ members: 3 })
  })

  it('supports AbortSignal', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => socket.on('slow', () => new Promise(() => {})))
    const client = connectClient(chat, url)
    await connected(client)
    const controller = new AbortController()
    const pending = client.request('slow', { ms: 0 }, { signal: controller.signal })
    controller.abort(new Error('user left'))
    await expect(pending).rejects.toThrow('user left')
  })

  it('validates the ack and rejects an ack that breaks the contract', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => socket.on('room:join', () => ({ members: 'many' }) as never))
    const client = connectClient(chat, url, { validateIncoming: 'always' })
    await connected(client)
    await expect(client.request('room:join', { room: 'r' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('Invalid ack for "room:join" at members'),
    })
    const trusting = connectClient(chat, url, { validateIncoming: 'never' })
    await connected(trusting)
    await expect(trusting.request('room:join', { room: 'r' })).resolves.toEqual({ members: 'many' })
  })

  it('refuses request for an event without ack', async () => {
    const { url } = await startServer(chat)
    const client = connectClient(chat, url)
    await expect(client.request('typing' as 'room:join', { room: 'r' })).rejects.toThrow(
      /declares `ack`; use client.emit/,
    )
  })
})

describe('client: incoming events', () => {
  it('on() returns an unsubscribe function and keeps one socket.io listener per event', async () => {
    const { io, url } = await startServer(chat)
    const client = connectClient(chat, url)
    await connected(client)
    const first = vi.fn()
    const second = vi.fn()
    const offFirst = client.on('tick', first)
    const offSecond = client.on('tick', second)
    expect(client.raw.listeners('tick')).toHaveLength(1)
    io.emit('tick', 1)
    await vi.waitFor(() => expect(second).toHaveBeenCalledWith(1))
    offFirst()
    io.emit('tick', 2)
    await vi.waitFor(() => expect(second).toHaveBeenCalledTimes(2))
    expect(first).toHaveBeenCalledTimes(1)
    offSecond()
    expect(client.raw.listeners('tick')).toHaveLength(0)
  })

  it('drops invalid server payloads when validating, and reports them', async () => {
    const onError = vi.fn()
    const { io, url } = await startServer(chat)
    const client = connectClient(chat, url, { validateIncoming: 'always', onError })
    await connected(client)
    const handler = vi.fn()
    client.on('tick', handler)
    io.raw.emit('tick', 'not a number')
    io.emit('tick', 5)
    await vi.waitFor(() => expect(handler).toHaveBeenCalledWith(5))
    expect(handler).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'VALIDATION_FAILED' }), {
      event: 'tick',
    })
  })

  it('refuses on() for an event outside the contract', () => {
    const client = createClient(chat, 'http://127.0.0.1:1', { autoConnect: false })
    expect(() => client.on('nope' as 'tick', () => {})).toThrow(/"nope" is not a serverToClient event/)
  })

  it('observe() keeps the last payload in an identity-stable snapshot', async () => {
    const { io, url } = await startServer(chat)
    const client = connectClient(chat, url)
    await connected(client)
    const observer = client.observe('tick')
    expect(client.observe('tick')).toBe(observer)
    const initial = observer.getSnapshot()
    expect(initial).toEqual({ data: undefined, count: 0 })
    const notified = vi.fn()
    const unsubscribe = observer.subscribe(notified)
    io.emit('tick', 7)
    io.emit('tick', 7)
    await vi.waitFor(() => expect(notified).toHaveBeenCalledTimes(2))
    const snapshot = observer.getSnapshot()
    expect(snapshot).toEqual({ data: 7, count: 2 })
    expect(observer.getSnapshot()).toBe(snapshot)
    unsubscribe()
    expect(client.raw.listeners('tick')).toHaveLength(0)
  })
})

describe('client: the store', () => {
  it('reports connecting → connected → reconnecting → connected → disconnected with stable snapshots', async () => {
    const { io, url } = await startServer(chat)
    const client = connectClient(chat, url, { reconnectionDelay: 20, reconnectionDelayMax: 40 })
    const statuses: string[] = [client.getSnapshot().status]
    client.subscribe(() => {
      const { status } = client.getSnapshot()
      if (statuses.at(-1) !== status) statuses.push(status)
    })
    await connected(client)
    const snapshot = client.getSnapshot()
    expect(client.getSnapshot()).toBe(snapshot)
    expect(snapshot).toMatchObject({
      status: 'connected',
      id: expect.any(String),
      attempt: 0,
      lastError: undefined,
    })
    expect(Object.isFrozen(snapshot)).toBe(true)

    client.raw.io.engine.close()
    await until(client, (s) => s.status === 'reconnecting')
    expect(client.getSnapshot()).toMatchObject({ id: undefined, lastError: { code: 'DISCONNECTED' } })
    await connected(client)
    client.disconnect()
    expect(statuses).toEqual(['connecting', 'connected', 'reconnecting', 'connected', 'disconnected'])
    expect(io.sockets).toBeDefined()
  })

  it('connect() reopens a connection that dropped while reconnection was off', async () => {
    const { url } = await startServer(chat)
    const client = connectClient(chat, url, { reconnection: false })
    await connected(client)
    client.raw.io.engine.close()
    await until(client, (s) => s.status !== 'connected')
    await sleep(50)
    expect(client.getSnapshot().status).not.toBe('connected')
    client.connect()
    await connected(client)
  })

  it('counts reconnect attempts while the server is down', async () => {
    const { io, url } = await startServer(chat)
    const client = connectClient(chat, url, { reconnectionDelay: 20, reconnectionDelayMax: 40 })
    await connected(client)
    await io.close()
    await until(client, (s) => s.attempt >= 2)
    expect(client.getSnapshot().status).toBe('reconnecting')
  })

  it('retain() connects, and a release followed by a quick retain keeps the one connection', async () => {
    const { io, url } = await startServer(chat)
    const connections = vi.fn()
    io.on('connection', connections)
    const client = connectClient(chat, url, { autoConnect: false, releaseDelay: 50 })
    expect(client.getSnapshot().status).toBe('disconnected')
    const release = client.retain()
    release()
    const releaseAgain = client.retain()
    await connected(client)
    await sleep(120)
    expect(connections).toHaveBeenCalledTimes(1)
    expect(client.getSnapshot().status).toBe('connected')
    releaseAgain()
    releaseAgain()
    await until(client, (s) => s.status === 'disconnected')
  })

  it('a RequestObserver tracks pending, success and error, and ignores replaced sends', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) =>
      socket.on('slow', async ({ ms }) => {
        await sleep(ms)
        if (ms === 13) throw new VolleyError('RATE_LIMITED', 'later')
        return { done: ms > 0 }
      }),
    )
    const client = connectClient(chat, url)
    await connected(client)
    const observer = new RequestObserver(client, 'slow')
    const states: string[] = []
    observer.subscribe(() => states.push(observer.getSnapshot().status))
    await observer.sendAsync({ ms: 5 })
    expect(observer.getSnapshot()).toMatchObject({
      status: 'success',
      data: { done: true },
      isPending: false,
    })
    observer.send({ ms: 13 })
    await until(observer, (s) => s.status === 'error')
    expect(observer.getSnapshot().error).toMatchObject({ code: 'RATE_LIMITED' })
    const slow = observer.sendAsync({ ms: 60 })
    await observer.sendAsync({ ms: 0 })
    await slow
    expect(observer.getSnapshot()).toMatchObject({ status: 'success', data: { done: false } })
    observer.reset()
    expect(observer.getSnapshot().status).toBe('idle')
    expect(states).toEqual([
      'pending',
      'success',
      'pending',
      'error',
      'pending',
      'pending',
      'success',
      'idle',
    ])
  })
})

describe('client: observers never answer', () => {
  it('an observer subscribed before the answering handler does not answer a server request', async () => {
    const { io, url } = await startServer(chat)
    const answers = new Promise<unknown>((resolve) =>
      io.on('connection', (socket) => {
        socket.on('typing', () => void socket.request('confirm', { question: 'q' }).then(resolve, resolve))
      }),
    )
    const client = connectClient(chat, url)
    const observer = client.observe('confirm')
    observer.subscribe(() => {})
    client.on('confirm', () => ({ yes: true }))
    await connected(client)
    client.emit('typing', { room: 'r' })
    await expect(answers).resolves.toEqual({ yes: true })
    expect(observer.getSnapshot()).toEqual({ data: { question: 'q' }, count: 1 })
    expect(client.raw.listeners('confirm')).toHaveLength(1)
  })
})

describe('client: requests that fail before they are sent are never sent', () => {
  it('a request that timed out while offline is withdrawn, not run after the reconnect', async () => {
    const { io, url } = await startServer(chat)
    const joined = vi.fn(() => ({ members: 1 }))
    io.on('connection', (socket) => socket.on('room:join', joined))
    const client = connectClient(chat, url, { reconnectionDelay: 300, reconnectionDelayMax: 300 })
    await connected(client)
    client.raw.io.engine.close()
    await until(client, (s) => s.status === 'reconnecting')
    await expect(client.request('room:join', { room: 'late' }, { timeout: 30 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    })
    await connected(client)
    await expect(client.request('room:join', { room: 'now' })).resolves.toEqual({ members: 1 })
    expect(joined.mock.calls).toEqual([[{ room: 'now' }]])
  })

  it('client.disconnect() rejects buffered requests and they are not sent on the next connect', async () => {
    const { io, url } = await startServer(chat)
    const joined = vi.fn(() => ({ members: 1 }))
    io.on('connection', (socket) => socket.on('room:join', joined))
    const client = connectClient(chat, url)
    const buffered = client.request('room:join', { room: 'buffered' })
    client.disconnect()
    await expect(buffered).rejects.toMatchObject({
      code: 'DISCONNECTED',
      message: expect.stringContaining('client.disconnect()'),
    })
    client.connect()
    await connected(client)
    await expect(client.request('room:join', { room: 'fresh' })).resolves.toEqual({ members: 1 })
    expect(joined.mock.calls).toEqual([[{ room: 'fresh' }]])
  })

  it('a throwing handler does not keep the event from observers and other handlers', async () => {
    const { io, url } = await startServer(chat)
    const client = connectClient(chat, url)
    await connected(client)
    client.on('tick', () => {
      throw new Error('app bug')
    })
    const observer = client.observe('tick')
    observer.subscribe(() => {})
    const other = vi.fn()
    client.on('tick', other)
    io.emit('tick', 3)
    await vi.waitFor(() => expect(other).toHaveBeenCalledWith(3))
    expect(observer.getSnapshot().data).toBe(3)
  })
})

describe("client: socket.io-client options that break Volley's acks are refused", () => {
  it('refuses `retries` (each event would run retries + 1 times) and `ackTimeout`, saying what to use', () => {
    for (const option of [{ retries: 3 }, { ackTimeout: 5_000 }]) {
      const name = Object.keys(option)[0]!
      expect(() =>
        createClient(chat, 'http://127.0.0.1:1', { autoConnect: false, ...(option as object) }),
      ).toThrow(
        new RegExp(`\\[volley\\] createClient: socket.io-client's \`${name}\` is not supported .*the outbox`),
      )
    }
  })

  it("with them, a request would have run 4 times (the defect the refusal prevents), proven on socket.io's own client", async () => {
    const { io, url } = await startServer(chat)
    let runs = 0
    io.on('connection', (socket) => {
      socket.on('message:send', ({ room, text }) => {
        runs += 1
        return { id: `m${runs}:${room}:${text}`, at: 1 }
      })
    })
    // What `retries: 3` does to Volley's envelope: socket.io-client resends until the ack's first argument is null.
    const { io: connect } = await import('socket.io-client')
    const raw = connect(url, { retries: 3, transports: ['websocket'] })
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()))
    await new Promise<void>((resolve) => raw.emit('message:send', { room: 'r', text: 'hi' }, () => resolve()))
    raw.close()
    expect(runs).toBe(4)
  })
})
