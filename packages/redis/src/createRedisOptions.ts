import type { Redis } from 'ioredis'
import { createRedisAdapter, type RedisAdapterFactory, type RedisAdapterOptions } from './createRedisAdapter'

/** Options of `createRedisOptions`. */
export type VolleyRedisOptions = RedisAdapterOptions

/** What `createRedisOptions` returns: options to spread into `createServer`'s. */
export interface RedisServerOptions {
  /** socket.io's Redis streams adapter (see `createRedisAdapter`). */
  readonly adapter: RedisAdapterFactory
}

/**
 * Everything a Volley server needs to run as one of several processes over Redis, in one call: the Redis
 * streams adapter (broadcasts reach every node). Spread it into `createServer`'s options.
 *
 * @example
 * const redis = await connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
 * const io = createServer(chat, { ...createRedisOptions(redis, { maxLen: 50_000 }), cors })
 * @param redis - a connected ioredis client, shared by the adapter and the stores
 * @param options - `prefix` (of every Redis key) and the adapter's `maxLen`
 * @returns `{ adapter }` for `createServer`
 */
export function createRedisOptions(redis: Redis, options: VolleyRedisOptions = {}): RedisServerOptions {
  return { adapter: createRedisAdapter(redis, options) }
}
