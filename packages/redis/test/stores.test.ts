import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { idempotencyStoreConformance, subscriptionStoreConformance } from '@volley/core/testing'
import type { Redis } from 'ioredis'
import { connectRedis, RedisIdempotencyStore, RedisSubscriptionStore } from '../src/index'
import { useRedisServer } from './helpers'

const server = useRedisServer()
let redis: Redis
beforeAll(async () => {
  redis = await connectRedis(server.server.url, { logger: false })
})
afterAll(() => redis.disconnect())

/** A cursor past the end of the history the given one belongs to. */
const aheadOf = (cursor: string): string => {
  const [, epoch, ms, n] = /^(.+):(\d+)-(\d+)$/.exec(cursor)!
  return `${epoch}:${Number(ms) + 1_000}-${Number(n) + 1_000}`
}

describe('RedisSubscriptionStore passes the conformance checks', () => {
  for (const check of subscriptionStoreConformance(
    () => new RedisSubscriptionStore(redis, { prefix: randomUUID() }),
    { aheadOf },
  ))
    it(check.name, check.run)
})

describe('RedisIdempotencyStore passes the conformance checks', () => {
  for (const check of idempotencyStoreConformance(
    () => new RedisIdempotencyStore(redis, { prefix: randomUUID() }),
  ))
    it(check.name, check.run)
})

describe('RedisSubscriptionStore on Redis', () => {
  it('keeps binary items (MessagePack) and undefined as they were published', async () => {
    const store = new RedisSubscriptionStore(redis, { prefix: randomUUID() })
    const bytes = new Uint8Array([0, 1, 2, 255])
    await store.append('s', { name: 'file', bytes }, { count: 10 })
    await store.append('s', undefined, { count: 10 })
    await store.append('s', { text: 'plain' }, { count: 10 })
    const read = await store.read('s', undefined, 10)
    expect(read.ok && read.items.map((stored) => stored.item)).toEqual([
      { name: 'file', bytes },
      undefined,
      { text: 'plain' },
    ])
  })

  it("cursors are '<epoch>:<ms>-<n>' Redis stream ids; a stream lost on its own reads as a 'reset'", async () => {
    const prefix = randomUUID()
    const store = new RedisSubscriptionStore(redis, { prefix })
    const cursors = [] as string[]
    for (const n of [1, 2, 3]) cursors.push(await store.append('s', n, { count: 10 }))
    expect(cursors.map((cursor) => cursor.split('-')[1])).toEqual(['1', '2', '3'])
    expect(await redis.xlen(`${prefix}:sub:s`)).toBe(3)
    await redis.del(`${prefix}:sub:s`) // evicted, say
    await store.append('s', 'new', { count: 10 })
    const read = await store.read('s', cursors[2], 10)
    expect(read.ok && [read.gap, read.items.map((stored) => stored.item)]).toEqual([
      { reason: 'reset' },
      ['new'],
    ])
  })

  it('another store on the same prefix (another process) reads the same history with the same cursors', async () => {
    const prefix = randomUUID()
    const one = new RedisSubscriptionStore(redis, { prefix })
    const two = new RedisSubscriptionStore(redis, { prefix })
    const first = await one.append('s', 'a', { count: 10 })
    await two.append('s', 'b', { count: 10 })
    const read = await two.read('s', first, 10)
    expect(read.ok && [read.gap, read.items.map((stored) => stored.item)]).toEqual([undefined, ['b']])
    expect(await one.head('s')).toBe(await two.head('s'))
  })
})
