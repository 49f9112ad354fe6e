import type { IdempotencyStore, SubscriptionStore } from '@volley/core/server'
import type { Redis } from 'ioredis'
import {
  linkedAdapter,
  resolveMaxLen,
  type RedisAdapterFactory,
  type RedisAdapterOptions,
} from './createRedisAdapter'
import { ItemBroadcasts } from './itemBroadcasts'
import { RedisIdempotencyStore, type RedisIdempotencyStoreOptions } from './RedisIdempotencyStore'
import { redisKeys } from './redisKeys'
import { linkBroadcasts, RedisSubscriptionStore } from './RedisSubscriptionStore'

/** Options of `createRedisOptions`: the adapter's (`prefix`, `maxLen`) and the idempotency `lease`. */
export interface VolleyRedisOptions
  extends RedisAdapterOptions, Pick<RedisIdempotencyStoreOptions, 'lease'> {}

/** What `createRedisOptions` returns: options to spread into `createServer`'s. */
export interface RedisServerOptions {
  /** socket.io's Redis streams adapter (see `createRedisAdapter`). */
  readonly adapter: RedisAdapterFactory
  /** Subscription history on Redis Streams (see `RedisSubscriptionStore`). */
  readonly subscriptionStore: SubscriptionStore
  /** Idempotency keys on Redis (see `RedisIdempotencyStore`). */
  readonly idempotencyStore: IdempotencyStore
}

/**
 * Everything a Volley server needs to run as one of several processes over Redis, in one call: the Redis
 * streams adapter (broadcasts reach every process), subscription history on Redis Streams (a client
 * resumes on any process) and idempotency keys on Redis (a request resent to another process runs once),
 * all under one key prefix. Spread it into `createServer`'s options. The store and the adapter are linked:
 * an item is appended to its history and written to the adapter's stream in one atomic step, and every
 * node delivers items from that stream, so subscribers on every node get a stream's items in cursor order
 * whichever nodes publish (a client that resumes after a crash then loses and repeats nothing).
 *
 * @example
 * const redis = await connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
 * const io = createServer(chat, { ...createRedisOptions(redis, { maxLen: 50_000 }), cors })
 * @param redis - a connected ioredis client, shared by the adapter and the stores
 * @param options - `prefix` (of every Redis key), the adapter's `maxLen` and the idempotency `lease`
 * @returns `{ adapter, subscriptionStore, idempotencyStore }` for `createServer`
 */
export function createRedisOptions(redis: Redis, options: VolleyRedisOptions = {}): RedisServerOptions {
  const { prefix, lease } = options
  const broadcasts = new ItemBroadcasts(
    redisKeys(prefix).adapterStream,
    resolveMaxLen(options.maxLen, 'createRedisOptions'),
    true,
  )
  const subscriptionStore = new RedisSubscriptionStore(redis, { prefix })
  linkBroadcasts(subscriptionStore, broadcasts)
  return {
    adapter: linkedAdapter(redis, options, broadcasts, 'createRedisOptions'),
    subscriptionStore,
    idempotencyStore: new RedisIdempotencyStore(redis, { prefix, lease }),
  }
}
