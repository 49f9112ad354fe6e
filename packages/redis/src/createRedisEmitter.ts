import type { ContractDefinition, SubscriptionName } from '@volley/core'
import type { Retention } from '@volley/core/server'
import type { Redis } from 'ioredis'
import { assertIoredis } from './assertIoredis'
import { resolveMaxLen, type RedisAdapterOptions } from './createRedisAdapter'
import { RedisEmitter } from './RedisEmitter'
import { redisKeys } from './redisKeys'
import { ItemBroadcasts } from './itemBroadcasts'
import { linkBroadcasts, RedisSubscriptionStore } from './RedisSubscriptionStore'

/** Options of `createRedisEmitter`. */
export interface RedisEmitterOptions<TContract extends ContractDefinition> extends RedisAdapterOptions {
  /** The namespace to emit to. Defaults to `'/'`. */
  readonly namespace?: string
  /**
   * The retention of each subscription's history, as the servers register it with `io.subscription`
   * (appends from the emitter trim the stream too). Defaults to `{ count: 1_000 }` for each.
   */
  readonly retention?: { readonly [K in SubscriptionName<TContract>]?: Retention }
}

/**
 * Creates a typed emitter for processes without sockets: it speaks the Redis streams adapter's protocol
 * (socket.io's `@socket.io/redis-emitter` speaks only the pub/sub adapter's), so every Volley server of
 * the cluster delivers its emits and subscription publishes. Use the same `prefix` and `maxLen` as the
 * servers' `createRedisOptions`.
 *
 * @example
 * const redis = await connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
 * const emitter = createRedisEmitter(chat, redis)
 * await emitter.to('lobby').emit('message:new', { room: 'lobby', text: 'Nightly backup done', from: 'cron' })
 * await emitter.publish('room:messages', { room: 'lobby' }, { id: 'm-1', text: 'Backup done', from: 'cron' })
 * @param contract - from `defineContract`, the servers' contract
 * @param redis - a connected ioredis client
 * @param options - `prefix` and `maxLen` (as the servers'), `namespace`, `retention`
 * @returns the emitter, to everyone in the namespace (narrow it with `to` and `except`)
 */
export function createRedisEmitter<TContract extends ContractDefinition>(
  contract: TContract,
  redis: Redis,
  options: RedisEmitterOptions<TContract> = {},
): RedisEmitter<TContract> {
  if (typeof contract !== 'object' || contract === null || typeof contract.serverToClient !== 'object') {
    throw new TypeError(
      '[volley] createRedisEmitter expects a contract from defineContract as its first argument.',
    )
  }
  assertIoredis(redis, 'createRedisEmitter')
  const keys = redisKeys(options.prefix)
  const maxLen = resolveMaxLen(options.maxLen, 'createRedisEmitter')
  const store = new RedisSubscriptionStore(redis, { prefix: keys.prefix })
  const broadcasts = new ItemBroadcasts(keys.adapterStream, maxLen, false)
  linkBroadcasts(store, broadcasts)
  const emitter = new RedisEmitter(
    contract,
    '/',
    {
      redis,
      stream: keys.adapterStream,
      maxLen,
      store,
      broadcasts,
      retention: options.retention ?? {},
      publishing: new Map(),
    },
    { rooms: [], except: [] },
  )
  return options.namespace === undefined ? emitter : emitter.of(options.namespace, contract)
}
