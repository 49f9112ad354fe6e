import { createAdapter } from '@socket.io/redis-streams-adapter'
import type { VolleyLogger } from '@volley/core'
import type { Redis } from 'ioredis'
import type { Namespace, ServerOptions } from 'socket.io'
import { assertIoredis } from './assertIoredis'
import type { ItemBroadcasts } from './itemBroadcasts'
import { redisKeys } from './redisKeys'
import { sessionDataProblem } from './sessionData'

/** The `adapter` option of socket.io's `ServerOptions` (a factory of one adapter per namespace). */
export type RedisAdapterFactory = NonNullable<ServerOptions['adapter']>

/** Options of `createRedisAdapter` (and of `createRedisOptions`). */
export interface RedisAdapterOptions {
  /**
   * The prefix of every Redis key and channel Volley uses: the adapter's stream is `<prefix>:adapter`, its
   * pub/sub channels `<prefix>:adapter#…`, connection state recovery sessions `<prefix>:session:<pid>`.
   * Every process of one app must use the same prefix; two apps on one Redis use two prefixes. Defaults to
   * `'volley'`.
   */
  readonly prefix?: string
  /**
   * The most entries the adapter's stream keeps (trimmed with `MAXLEN ~`, so a few more may stay). It is
   * one stream for the whole cluster: every broadcast of every node and namespace is an entry. It bounds
   * connection state recovery (a client can recover only while its last offset is still in the stream)
   * and how far a slow node may lag. Size it as the broadcasts per second of the whole cluster at peak
   * times `connectionStateRecovery.maxDisconnectionDuration` in seconds, with room to spare (each entry
   * costs Redis memory: its payload plus about 100 bytes). Resumable subscriptions do not depend on it:
   * they keep their own history. Defaults to `10_000`.
   */
  readonly maxLen?: number
  /**
   * Where the adapter's refusals are logged (a `socket.data` that connection state recovery cannot keep).
   * `false` for silence. Defaults to `console`.
   */
  readonly logger?: VolleyLogger | false
}

/** The adapter's default `maxLen`. @internal */
export const DEFAULT_MAX_LEN = 10_000

/**
 * The `maxLen` option, checked. @internal
 * @param maxLen - the option
 * @param where - the caller, for the message
 * @returns it, or the default
 */
export function resolveMaxLen(maxLen: number | undefined, where: string): number {
  const resolved = maxLen ?? DEFAULT_MAX_LEN
  if (!Number.isInteger(resolved) || resolved < 1) {
    throw new TypeError(`[volley] ${where}: maxLen must be a positive integer, got ${String(maxLen)}.`)
  }
  return resolved
}

/**
 * Creates socket.io's Redis streams adapter (`@socket.io/redis-streams-adapter`) over an ioredis client,
 * with Volley's key prefix: pass it as `adapter` to `createServer`, or use `createRedisOptions`, which
 * also wires the Redis stores. Unlike the pub/sub adapter, it loses no broadcast during a short Redis
 * outage and supports connection state recovery. The client is shared (the adapter duplicates it for its
 * blocking reads), never closed by Volley.
 *
 * @example
 * const redis = await connectRedis(process.env.REDIS_URL)
 * const io = createServer(chat, { adapter: createRedisAdapter(redis, { maxLen: 50_000 }) })
 * @param redis - a connected ioredis client
 * @param options - `prefix` and `maxLen`
 * @returns the adapter factory for socket.io's `adapter` option
 * @throws TypeError for a client that is not an ioredis client, or a `maxLen` that is not a positive integer
 */
export function createRedisAdapter(redis: Redis, options: RedisAdapterOptions = {}): RedisAdapterFactory {
  return linkedAdapter(redis, options, undefined, 'createRedisAdapter')
}

/**
 * The adapter, linked to a Redis subscription store whose appends broadcast their items. @internal
 * @param redis - the client
 * @param options - the options
 * @param broadcasts - the link, if any: emits of items already broadcast are skipped
 * @param where - the caller, for messages
 */
export function linkedAdapter(
  redis: Redis,
  options: RedisAdapterOptions,
  broadcasts: ItemBroadcasts | undefined,
  where: string,
): RedisAdapterFactory {
  assertIoredis(redis, where)
  const maxLen = resolveMaxLen(options.maxLen, where)
  const keys = redisKeys(options.prefix)
  const logger = options.logger === false ? undefined : (options.logger ?? console)
  const create = createAdapter(redis, {
    streamName: keys.adapterStream,
    channelPrefix: keys.adapterStream,
    sessionKeyPrefix: keys.sessionPrefix,
    maxLen,
  }) as unknown as (nsp: Namespace) => SessionAdapter
  // socket.io calls it with `new`: a plain function that returns the adapter.
  return function volleyRedisAdapter(nsp: Namespace) {
    const adapter = guardSessions(create(nsp), nsp, logger)
    if (broadcasts !== undefined) {
      const broadcast = adapter.broadcast.bind(adapter)
      adapter.broadcast = (packet, opts) =>
        broadcasts.take(packet.data) ? undefined : broadcast(packet, opts)
    }
    return adapter
  } as unknown as RedisAdapterFactory
}

/** The part of the adapter that connection state recovery calls. */
interface SessionAdapter {
  persistSession(session: { sid: string; data: unknown }): void
  addAll(id: string, rooms: Set<string>): void
  broadcast(packet: { data: unknown[] }, opts: unknown): unknown
}

/**
 * The streams adapter stores a disconnected socket's session (with `socket.data`) as MessagePack; a
 * `bigint` or a function there throws inside socket.io's disconnect handling and takes the process down.
 * Volley says so when the socket connects (its own room is joined after the middlewares that set `data`),
 * and at disconnect keeps no session for such a socket (its client then connects as a new one) instead of
 * crashing.
 */
function guardSessions(
  adapter: SessionAdapter,
  nsp: Namespace,
  logger: VolleyLogger | undefined,
): SessionAdapter {
  if (nsp.server._opts.connectionStateRecovery === undefined) return adapter
  const fix =
    'keep socket.data to JSON-like values (strings, numbers, booleans, null, arrays, plain objects, Date, Uint8Array): store a bigint as a string'
  const persistSession = adapter.persistSession.bind(adapter)
  adapter.persistSession = (session) => {
    const problem = sessionDataProblem(session.data)
    if (problem === undefined) return persistSession(session)
    logger?.error(
      `[volley] Socket ${session.sid} disconnected, and connection state recovery cannot keep its session: ${problem}. Its client will connect as a new socket; ${fix}.`,
    )
  }
  const addAll = adapter.addAll.bind(adapter)
  adapter.addAll = (id, rooms) => {
    addAll(id, rooms)
    const socket = rooms.has(id) ? nsp.sockets.get(id) : undefined
    const problem = socket === undefined ? undefined : sessionDataProblem(socket.data)
    if (problem !== undefined) {
      logger?.error(
        `[volley] Socket ${id} connected with a socket.data that connection state recovery over Redis cannot keep: ${problem}. Its session will not be recoverable; ${fix}.`,
      )
    }
  }
  return adapter
}
