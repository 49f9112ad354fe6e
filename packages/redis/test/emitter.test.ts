import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { decode } from '@msgpack/msgpack'
import { VolleyError } from '@volley/core'
import type { Redis } from 'ioredis'
import { createRedisEmitter, createRedisOptions } from '../src/index'
import { broadcastEntry } from '../src/adapterEntry'
import { chat } from './fixtures'
import { connectClient, connected, redisClient, startServer, useRedisServer } from './helpers'

const redis = useRedisServer()

/** The adapter stream's entries, as field maps. */
async function entries(client: Redis, prefix: string): Promise<Record<string, string>[]> {
  const raw = await client.xrange(`${prefix}:adapter`, '-', '+')
  return raw.map(([, fields]) => {
    const map: Record<string, string> = {}
    for (let i = 0; i < fields.length; i += 2) map[fields[i]!] = fields[i + 1]!
    return map
  })
}

/** Two servers over Redis, each joining sockets to the rooms they ask for, with recovery on. */
async function cluster(prefix: string) {
  const nodes = []
  for (let i = 0; i < 2; i += 1) {
    const client = await redisClient(redis.server.url)
    const node = await startServer(chat, {
      ...createRedisOptions(client, { prefix }),
      connectionStateRecovery: {},
    })
    node.io.subscription('room:messages')
    node.io.on('connection', (socket) =>
      socket.on('join', ({ room }) => {
        void socket.raw.join(room)
        return { node: String(i) }
      }),
    )
    nodes.push(node)
  }
  return nodes
}

describe('the emitter speaks the streams adapter protocol', () => {
  it('writes exactly the stream entry the real adapter writes for the same broadcast (JSON and binary)', async () => {
    const prefix = `p-${randomUUID()}`
    const client = await redisClient(redis.server.url)
    const { io } = await startServer(chat, createRedisOptions(client, { prefix }))
    io.to(['r1', 'r2']).except('x').emit('notice', { text: 'hi' })
    const bytes = new Uint8Array([1, 2, 3])
    io.to('r1').emit('file', { name: 'f', bytes })
    await vi.waitFor(async () =>
      expect((await entries(client, prefix)).filter((e) => e.type === '3')).toHaveLength(2),
    )
    const [json, binary] = (await entries(client, prefix)).filter((entry) => entry.type === '3')
    const ours = broadcastEntry('/', ['notice', { text: 'hi' }], { rooms: ['r1', 'r2'], except: ['x'] })
    expect({ ...json, uid: 'emitter' }).toEqual(ours)
    const oursBinary = broadcastEntry('/', ['file', { name: 'f', bytes }], { rooms: ['r1'], except: [] })
    expect(Object.keys(binary!)).toEqual(Object.keys(oursBinary))
    expect(binary!.data!.startsWith('{')).toBe(false)
    expect(decode(Buffer.from(binary!.data!, 'base64'))).toEqual(
      decode(Buffer.from(oursBinary.data!, 'base64')),
    )
  })

  it('emits reach the selected clients of every node: to, except, everyone, binary, another namespace', async () => {
    const prefix = `p-${randomUUID()}`
    const [one, two] = await cluster(prefix)
    const emitter = createRedisEmitter(chat, await redisClient(redis.server.url), { prefix })
    const clients = [
      connectClient(chat, one!.url),
      connectClient(chat, two!.url),
      connectClient(chat, two!.url),
    ]
    await Promise.all(clients.map(connected))
    await clients[0]!.request('join', { room: 'lobby' })
    await clients[1]!.request('join', { room: 'lobby' })
    await clients[2]!.request('join', { room: 'lobby' })
    await clients[2]!.request('join', { room: 'muted' })
    const notices = clients.map(() => [] as string[])
    const files = clients.map(() => [] as unknown[])
    clients.forEach((client, i) => {
      client.on('notice', ({ text }) => void notices[i]!.push(text))
      client.on('file', (file) => void files[i]!.push(file))
    })
    await emitter.to('lobby').except('muted').emit('notice', { text: 'lobby' })
    await emitter.emit('notice', { text: 'all' })
    await emitter.to('nobody').emit('notice', { text: 'none' })
    await emitter.in('muted').emit('file', { name: 'f', bytes: new Uint8Array([9]) })
    await vi.waitFor(() => expect(notices).toEqual([['lobby', 'all'], ['lobby', 'all'], ['all']]))
    await vi.waitFor(() => expect(files[2]).toHaveLength(1))
    expect(files[2]![0]).toMatchObject({ name: 'f' })
    expect([...(files[2]![0] as { bytes: Uint8Array }).bytes]).toEqual([9])
    expect(files[0]).toEqual([])

    // Another namespace, with its own contract.
    one!.io.of('/admin', chat)
    const admin = connectClient(chat, `${one!.url}/admin`)
    await connected(admin)
    const adminNotice = new Promise((resolve) => admin.on('notice', resolve))
    await emitter.of('/admin', chat).emit('notice', { text: 'admins' })
    await expect(adminNotice).resolves.toEqual({ text: 'admins' })
    expect(notices[0]).toEqual(['lobby', 'all'])
  })

  it('publishes to subscribers on every node with a cursor they resume from, in order', async () => {
    const prefix = `p-${randomUUID()}`
    const [one, two] = await cluster(prefix)
    const emitter = createRedisEmitter(chat, await redisClient(redis.server.url), { prefix })
    const received = [[], []] as { text: string }[][]
    const subscriptions = [one!, two!].map((node, i) => {
      const client = connectClient(chat, node.url)
      return client.subscribe(
        'room:messages',
        { room: 'lobby' },
        { onItems: (items) => void received[i]!.push(...items) },
      )
    })
    await vi.waitFor(() => expect(subscriptions.map((s) => s.getSnapshot().status)).toEqual(['live', 'live']))
    const cursors = await Promise.all(
      ['a', 'b', 'c'].map((text) =>
        emitter.publish('room:messages', { room: 'lobby' }, { id: text, text, from: 'cron' }),
      ),
    )
    await vi.waitFor(() =>
      expect(received.map((items) => items.map((item) => item.text))).toEqual([
        ['a', 'b', 'c'],
        ['a', 'b', 'c'],
      ]),
    )
    expect(subscriptions.map((s) => s.cursor)).toEqual([cursors[2], cursors[2]])
    // A cursor from the emitter's publish resumes on any node.
    const late = connectClient(chat, two!.url)
    const replay: string[] = []
    late.subscribe(
      'room:messages',
      { room: 'lobby' },
      { from: cursors[0], onItems: (items) => void replay.push(...items.map((i) => i.text)) },
    )
    await vi.waitFor(() => expect(replay).toEqual(['b', 'c']))
  })

  it('refuses payloads, params and items that fail the contract, and unknown names, and writes nothing', async () => {
    const prefix = `p-${randomUUID()}`
    const client = await redisClient(redis.server.url)
    const emitter = createRedisEmitter(chat, client, { prefix })
    await expect(emitter.emit('notice', { text: 42 } as never)).rejects.toThrow(
      /^\[volley\] emitter\.emit\("notice"\): invalid payload at text: /,
    )
    const refused = await emitter.emit('notice', {} as never).catch((error: unknown) => error)
    expect(VolleyError.is(refused) && refused.code).toBe('VALIDATION_FAILED')
    await expect(emitter.emit('nope' as never, undefined as never)).rejects.toMatchObject({
      code: 'UNKNOWN_EVENT',
    })
    await expect(
      emitter.publish('room:messages', { room: 1 } as never, { id: 'x', text: 'x', from: 'x' }),
    ).rejects.toThrow(/invalid params at room/)
    await expect(emitter.publish('room:messages', { room: 'r' }, { id: 'x' } as never)).rejects.toThrow(
      /invalid item at text/,
    )
    await expect(emitter.publish('nope' as never, {} as never, {} as never)).rejects.toMatchObject({
      code: 'UNKNOWN_EVENT',
    })
    expect(await client.exists(`${prefix}:adapter`)).toBe(0)
    expect(await client.keys(`${prefix}:*`)).toEqual([])
    expect(() => createRedisEmitter({} as never, client)).toThrow(/expects a contract/)
    expect(() => emitter.of('admin', chat)).toThrow(/a namespace starts with "\/"/)
  })
})
