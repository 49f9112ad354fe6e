import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { defineContract, VolleyError } from '../src/index'
import { chat } from './fixtures'
import { connectClient, connected, startServer, until } from './helpers'

describe('client.volatile', () => {
  it('is delivered while connected; while disconnected it is dropped, a plain emit is sent after the reconnect', async () => {
    const { io, url } = await startServer(chat)
    const typed: string[] = []
    io.on('connection', (socket) => socket.on('typing', ({ room }) => void typed.push(room)))
    const client = connectClient(chat, url, { reconnectionDelay: 200, reconnectionDelayMax: 200 })
    await connected(client)
    expect(client.volatile).toBe(client.volatile)
    client.volatile.emit('typing', { room: 'volatile while connected' })
    await vi.waitFor(() => expect(typed).toEqual(['volatile while connected']))

    client.raw.io.engine.close()
    await until(client, (s) => s.status === 'reconnecting')
    client.volatile.emit('typing', { room: 'volatile while disconnected' })
    client.emit('typing', { room: 'plain while disconnected' })
    await connected(client)
    client.emit('typing', { room: 'plain after the reconnect' })
    await vi.waitFor(() => expect(typed).toContain('plain after the reconnect'))
    expect(typed).toEqual([
      'volatile while connected',
      'plain while disconnected',
      'plain after the reconnect',
    ])
  })

  it("sends every event of a burst while connected (socket.io's own volatile flag drops all but the first of one tick)", async () => {
    const { io, url } = await startServer(chat)
    const typed: string[] = []
    io.on('connection', (socket) => socket.on('typing', ({ room }) => void typed.push(room)))
    const client = connectClient(chat, url)
    await connected(client)
    const burst = Array.from({ length: 8 }, (_, i) => `input ${i}`)
    for (const room of burst) client.volatile.emit('typing', { room })
    client.emit('typing', { room: 'marker' })
    await vi.waitFor(() => expect(typed).toContain('marker'))
    expect(typed).toEqual([...burst, 'marker'])
  })

  it('is dropped before the first connection and after client.disconnect()', async () => {
    const { io, url } = await startServer(chat)
    const typed: string[] = []
    io.on('connection', (socket) => socket.on('typing', ({ room }) => void typed.push(room)))
    const client = connectClient(chat, url, { autoConnect: false })
    client.volatile.emit('typing', { room: 'before connect' })
    client.connect()
    client.volatile.emit('typing', { room: 'while connecting' })
    await connected(client)
    client.disconnect()
    client.volatile.emit('typing', { room: 'after disconnect' })
    client.connect()
    await connected(client)
    client.emit('typing', { room: 'marker' })
    await vi.waitFor(() => expect(typed).toContain('marker'))
    expect(typed).toEqual(['marker'])
  })

  it("with socket.io-client's `retries`, a volatile emit made while disconnected is not resent either", async () => {
    const { io, url } = await startServer(chat)
    const typed: string[] = []
    io.on('connection', (socket) => socket.on('typing', ({ room }) => void typed.push(room)))
    const client = connectClient(chat, url, { retries: 3, reconnectionDelay: 200, reconnectionDelayMax: 200 })
    await connected(client)
    client.volatile.emit('typing', { room: 'volatile while connected' })
    await vi.waitFor(() => expect(typed).toEqual(['volatile while connected']))
    client.raw.io.engine.close()
    await until(client, (s) => s.status === 'reconnecting')
    client.volatile.emit('typing', { room: 'volatile while disconnected' })
    client.emit('typing', { room: 'plain while disconnected' })
    await connected(client)
    await vi.waitFor(() => expect(typed).toContain('plain while disconnected'))
    client.emit('typing', { room: 'marker' })
    await vi.waitFor(() => expect(typed).toContain('marker'))
    // (Plain emits may arrive more than once here: socket.io's retry queue takes Volley's `{ ok: true }` ack
    // envelope for an error. Volatile emits bypass that queue.)
    expect(typed.filter((room) => room.startsWith('volatile'))).toEqual(['volatile while connected'])
  })

  it('validates locally like emit: an invalid payload throws, connected or not, and never leaves the client', async () => {
    const { io, url } = await startServer(chat)
    const received = vi.fn()
    io.on('connection', (socket) => socket.on('typing', received))
    const client = connectClient(chat, url, { autoConnect: false })
    const invalid = { room: 1 } as unknown as { room: string }
    expect(() => client.volatile.emit('typing', invalid)).toThrow(VolleyError)
    client.connect()
    await connected(client)
    let thrown: unknown
    try {
      client.volatile.emit('typing', invalid)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Invalid payload for "typing" at room: Invalid input: expected string, received number',
    })
    client.emit('typing', { room: 'marker' })
    await vi.waitFor(() => expect(received).toHaveBeenCalledTimes(1))
    expect(received).toHaveBeenCalledWith({ room: 'marker' })
  })

  it('reports an asynchronous schema failure through onError, like emit', async () => {
    const slow = defineContract({
      clientToServer: {
        move: { payload: z.object({ x: z.number() }).refine(async ({ x }) => x >= 0, 'x must be >= 0') },
      },
      serverToClient: {},
    })
    const { io, url } = await startServer(slow)
    const moves: number[] = []
    io.on('connection', (socket) => socket.on('move', ({ x }) => void moves.push(x)))
    const onError = vi.fn()
    const client = connectClient(slow, url, { onError })
    await connected(client)
    client.volatile.emit('move', { x: -1 })
    client.volatile.emit('move', { x: 1 })
    await vi.waitFor(() => expect(moves).toEqual([1]))
    await vi.waitFor(() =>
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'VALIDATION_FAILED' }), {
        event: 'move',
      }),
    )
  })

  it('refuses a request event at run time too (for callers without types)', () => {
    const client = connectClient(chat, 'http://127.0.0.1:1', { autoConnect: false })
    const emit = client.volatile.emit as (event: string, payload?: unknown) => void
    expect(() => emit('message:send', { room: 'r', text: 't' })).toThrow(
      /"message:send" declares `ack`; use client.request/,
    )
    expect(() => emit('nope', {})).toThrow(/"nope" is not a clientToServer event/)
  })
})
