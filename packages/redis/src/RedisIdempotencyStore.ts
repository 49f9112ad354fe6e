import type { AckEnvelope } from '@volley/core'
import type { IdempotencyRecord, IdempotencyStore } from '@volley/core/server'
import type { Redis } from 'ioredis'
import { assertIoredis } from './assertIoredis'
import { redisKeys } from './redisKeys'
import { RedisScript } from './redisScript'

/** Options of `new RedisIdempotencyStore(redis, options)`. */
export interface RedisIdempotencyStoreOptions {
  /** The prefix of its keys (`<prefix>:idem:<key>`). Defaults to `'volley'`. */
  readonly prefix?: string
  /**
   * Milliseconds a claim (a request running) holds its key without news from the process running it. The
   * process renews it every third of that while the handler runs, so a long handler keeps its key; when
   * the process dies, the key is free again after at most this long and a resend runs the request on
   * another process. Defaults to `15_000`.
   */
  readonly lease?: number
}

/** Claims a key if free (`SET NX PX`), else returns what it holds. KEYS: key. ARGV: marker, ms. */
const CLAIM = new RedisScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
`)

/** Renews a claim that is still running. KEYS: key. ARGV: marker, ms. */
const RENEW = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`)

const RUNNING = JSON.stringify({ state: 'running' })

function parse(value: string | null): IdempotencyRecord | undefined {
  if (value === null) return undefined
  const record = JSON.parse(value) as { state?: unknown; envelope?: AckEnvelope }
  if (record.state === 'done' && record.envelope !== undefined)
    return { state: 'done', envelope: record.envelope }
  return { state: 'running' }
}

/**
 * An `IdempotencyStore` on Redis, shared by every server process: a request resent to another process
 * (after a reconnect, or after its process crashed) runs once and gets the first answer. A claim is
 * `SET key running NX PX lease`, renewed while the handler runs; the answer replaces it for the full TTL.
 * A process that dies while its handler runs loses its claim after `lease`: a resend then runs the
 * request again (the handler may or may not have had its effect: at least once in that case).
 *
 * @example
 * const redis = await connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
 * const io = createServer(chat, { idempotencyStore: new RedisIdempotencyStore(redis) })
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #redis: Redis
  readonly #prefix: string
  readonly #lease: number
  /** Claims this process holds, with their renewal timers. */
  readonly #held = new Map<string, NodeJS.Timeout>()

  /**
   * @param redis - a connected ioredis client (it may be shared with the adapter)
   * @param options - `prefix` and `lease`
   */
  constructor(redis: Redis, options: RedisIdempotencyStoreOptions = {}) {
    assertIoredis(redis, 'new RedisIdempotencyStore')
    const lease = options.lease ?? 15_000
    if (!Number.isInteger(lease) || lease < 10) {
      throw new TypeError(
        `[volley] new RedisIdempotencyStore: lease must be an integer of at least 10 ms, got ${String(options.lease)}.`,
      )
    }
    this.#redis = redis
    this.#prefix = redisKeys(options.prefix).idempotencyPrefix
    this.#lease = lease
  }

  #stopRenewing(key: string): void {
    clearInterval(this.#held.get(key))
    this.#held.delete(key)
  }

  async claim(key: string, ttl: number): Promise<IdempotencyRecord | undefined> {
    const lease = Math.min(this.#lease, ttl)
    const held = (await CLAIM.run(this.#redis, [this.#prefix + key], [RUNNING, lease])) as string | null
    if (held !== null) return parse(held)
    this.#stopRenewing(key)
    // Renewed while the handler runs, but never past the key's TTL (as an in-memory claim would expire).
    const deadline = Date.now() + ttl
    const timer = setInterval(
      () => {
        const remaining = deadline - Date.now()
        if (remaining <= 0) return this.#stopRenewing(key)
        RENEW.run(this.#redis, [this.#prefix + key], [RUNNING, Math.min(lease, remaining)]).catch(() => {
          // Redis is away: the next renewal tries again; the claim lapses only after `lease`.
        })
      },
      Math.max(5, Math.floor(lease / 3)),
    )
    timer.unref()
    this.#held.set(key, timer)
    return undefined
  }

  async complete(key: string, envelope: AckEnvelope, ttl: number): Promise<void> {
    this.#stopRenewing(key)
    await this.#redis.set(this.#prefix + key, JSON.stringify({ state: 'done', envelope }), 'PX', ttl)
  }

  async release(key: string): Promise<void> {
    this.#stopRenewing(key)
    await this.#redis.del(this.#prefix + key)
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    return parse(await this.#redis.get(this.#prefix + key))
  }
}
