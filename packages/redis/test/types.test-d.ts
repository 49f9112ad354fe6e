import { describe, expectTypeOf, it } from 'vitest'
import type { Redis } from 'ioredis'
import { createRedisEmitter, createRedisOptions, type RedisEmitter } from '../src/index'
import { createServer } from '@volley/core/server'
import { chat } from './fixtures'

declare const redis: Redis

describe('types', () => {
  it('types the emitter from the contract', () => {
    const emitter = createRedisEmitter(chat, redis)
    expectTypeOf(emitter).toEqualTypeOf<RedisEmitter<typeof chat>>()
    expectTypeOf(emitter.to('r').except('x')).toEqualTypeOf<RedisEmitter<typeof chat>>()
    void emitter.emit('notice', { text: 'hi' })
    // @ts-expect-error not a serverToClient event
    void emitter.emit('join', { room: 'r' })
    // @ts-expect-error wrong payload
    void emitter.emit('notice', { text: 1 })
    // @ts-expect-error payload missing
    void emitter.emit('notice')
    expectTypeOf(
      emitter.publish('room:messages', { room: 'r' }, { id: 'i', text: 't', from: 'f' }),
    ).toEqualTypeOf<Promise<string>>()
    // @ts-expect-error wrong params
    void emitter.publish('room:messages', { room: 1 }, { id: 'i', text: 't', from: 'f' })
    // @ts-expect-error wrong item
    void emitter.publish('room:messages', { room: 'r' }, { id: 'i' })
    // @ts-expect-error not a subscription
    void emitter.publish('notice', {}, {})
    createRedisEmitter(chat, redis, { retention: { 'room:messages': { count: 10 } } })
    // @ts-expect-error not a subscription of the contract
    createRedisEmitter(chat, redis, { retention: { nope: { count: 10 } } })
  })

  it('spreads into createServer options', () => {
    const io = createServer(chat, {
      ...createRedisOptions(redis, { maxLen: 1_000 }),
      connectionStateRecovery: {},
    })
    expectTypeOf(io.publish).toBeFunction()
    // @ts-expect-error not an ioredis client
    createRedisOptions('redis://localhost')
  })
})
