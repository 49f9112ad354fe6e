import { describe, expect, it } from 'vitest'
import { createRedisAdapter, createRedisOptions } from '../src/index'
import { chat } from './fixtures'
import { connectClient, connected, redisClient, startServer, useRedisServer } from './helpers'

const redis = useRedisServer()

describe('createRedisOptions', () => {
  it('wires the streams adapter: a broadcast from one server reaches clients of the other', async () => {
    const [a, b] = [await redisClient(redis.server.url), await redisClient(redis.server.url)]
    const prefix = `t${Date.now()}`
    const one = await startServer(chat, createRedisOptions(a, { prefix }))
    const two = await startServer(chat, createRedisOptions(b, { prefix }))
    for (const node of [one, two]) {
      node.io.on('connection', (socket) =>
        socket.on('join', ({ room }) => {
          void socket.raw.join(room)
          return { node: node.url }
        }),
      )
    }
    const onOne = connectClient(chat, one.url)
    const onTwo = connectClient(chat, two.url)
    await Promise.all([connected(onOne), connected(onTwo)])
    await onOne.request('join', { room: 'lobby' })
    await onTwo.request('join', { room: 'lobby' })
    const received = [onOne, onTwo].map(
      (client) => new Promise((resolve) => client.on('message:new', resolve)),
    )
    one.io.to('lobby').emit('message:new', { room: 'lobby', text: 'hi', from: 'one' })
    await expect(Promise.all(received)).resolves.toEqual([
      { room: 'lobby', text: 'hi', from: 'one' },
      { room: 'lobby', text: 'hi', from: 'one' },
    ])
    // The adapter's stream lives under the prefix.
    expect(await a.exists(`${prefix}:adapter`)).toBe(1)
  })

  it('refuses what is not an ioredis client, and a bad maxLen or prefix, with a clear error', async () => {
    const client = await redisClient(redis.server.url)
    expect(() => createRedisAdapter('redis://x' as never)).toThrow(/pass an ioredis client, not a URL/)
    expect(() => createRedisAdapter({ sSubscribe() {}, xAdd() {} } as never)).toThrow(/node-redis client/)
    expect(() => createRedisAdapter({} as never)).toThrow(/expected an ioredis client/)
    expect(() => createRedisAdapter(client, { maxLen: 0 })).toThrow(/maxLen must be a positive integer/)
    expect(() => createRedisAdapter(client, { prefix: 'a b' })).toThrow(/prefix must be a non-empty string/)
  })
})
