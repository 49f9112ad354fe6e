import { describe, expect, it } from 'vitest'
import { VolleyError } from '../src/index'
import { chat, nested } from './fixtures'
import { connectClient, connected, startServer } from './helpers'

// One outgoing request path for both sides (src/outgoing.ts): the same checks and the same messages.

describe('outgoing requests, client and server alike', () => {
  it('refuses an ack that nests too deep, on the client and on the server, with the same message', async () => {
    const { io, url } = await startServer(chat)
    const serverSide = new Promise<unknown>((resolve) =>
      io.on('connection', (socket) => {
        socket.on('echo', () => ({ data: nested(40) }))
        socket.on(
          'typing',
          () => void socket.request('confirm', { question: 'deep?' }).then(resolve, resolve),
        )
      }),
    )
    const client = connectClient(chat, url)
    client.on('confirm', () => nested(40) as { yes: boolean })
    await connected(client)
    await expect(client.request('echo', { data: 1 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '[volley] The ack of "echo" nests deeper than 32 levels and was refused before validation.',
    })
    client.emit('typing', { room: 'r' })
    await expect(serverSide).resolves.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '[volley] The ack of "confirm" nests deeper than 32 levels and was refused before validation.',
    })
  })

  it('takes an AbortSignal and times out with the same message on both sides', async () => {
    const { io, url } = await startServer(chat)
    const outcomes = new Promise<unknown[]>((resolve) =>
      io.on('connection', (socket) => {
        socket.on('slow', () => new Promise(() => {}))
        socket.on('typing', async () => {
          const controller = new AbortController()
          const aborted = socket.request('confirm', { question: 'a' }, { signal: controller.signal })
          controller.abort(new VolleyError('TIMEOUT', 'gave up'))
          const timedOut = socket.request('confirm', { question: 'b' }, { timeout: 50 })
          resolve(await Promise.all([aborted.catch((e: unknown) => e), timedOut.catch((e: unknown) => e)]))
        })
      }),
    )
    const client = connectClient(chat, url)
    client.on('confirm', () => new Promise<{ yes: boolean }>(() => {}))
    await connected(client)
    client.emit('typing', { room: 'r' })
    await expect(outcomes).resolves.toEqual([
      expect.objectContaining({ message: 'gave up' }),
      expect.objectContaining({
        code: 'TIMEOUT',
        message: 'The client did not answer "confirm" within 50 ms.',
      }),
    ])
    await expect(client.request('slow', { ms: 0 }, { timeout: 50 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'The server did not answer "slow" within 50 ms.',
    })
  })

  it('one shared sweep expires each request at its own deadline, whatever the order they were made in', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => socket.on('slow', () => new Promise(() => {})))
    const client = connectClient(chat, url)
    await connected(client)
    const order: number[] = []
    const started = Date.now()
    const long = client.request('slow', { ms: 0 }, { timeout: 10_000 }).catch(() => order.push(10_000))
    await Promise.all(
      [120, 40, 80].map((timeout) =>
        client.request('slow', { ms: 0 }, { timeout }).catch((error: unknown) => {
          expect(error).toMatchObject({ code: 'TIMEOUT' })
          expect(Date.now() - started).toBeGreaterThanOrEqual(timeout - 5)
          order.push(timeout)
        }),
      ),
    )
    expect(order).toEqual([40, 80, 120])
    client.disconnect()
    await long
    expect(order).toEqual([40, 80, 120, 10_000])
  })

  it('rejects DISCONNECTED with the same message on both sides when the connection drops', async () => {
    const { io, url } = await startServer(chat)
    const serverSide = new Promise<unknown>((resolve) =>
      io.on('connection', (socket) => {
        socket.on('slow', () => {
          void socket.request('confirm', { question: 'q' }).catch(resolve)
          setTimeout(() => socket.disconnect(), 20)
          return new Promise(() => {})
        })
      }),
    )
    const client = connectClient(chat, url, { reconnection: false })
    client.on('confirm', () => new Promise<{ yes: boolean }>(() => {}))
    await connected(client)
    await expect(client.request('slow', { ms: 0 })).rejects.toMatchObject({
      code: 'DISCONNECTED',
      message: 'The connection was lost before the server answered (io server disconnect).',
    })
    await expect(serverSide).resolves.toMatchObject({
      code: 'DISCONNECTED',
      message: 'The connection was lost before the client answered (server namespace disconnect).',
    })
  })
})
