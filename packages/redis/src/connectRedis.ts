import type { VolleyLogger } from '@volley/core'
import { Redis, type RedisOptions } from 'ioredis'

/** Options of `connectRedis`. */
export interface ConnectRedisOptions {
  /**
   * Milliseconds to wait for Redis to answer at start; past it `connectRedis` rejects instead of hanging
   * (a wrong URL, Redis down). Defaults to `5_000`.
   */
  readonly timeout?: number
  /**
   * Where outages are logged: one warning when the connection is lost, one when it is back (never a
   * crash: the client keeps an `'error'` listener). `false` for silence. Defaults to `console`.
   */
  readonly logger?: VolleyLogger | false
  /**
   * ioredis options (TLS, password, `maxRetriesPerRequest` …), passed through. Defaults to ioredis's, except
   * `retryStrategy`: 50 ms doubling up to 1 s (ioredis's own goes up to 5 s).
   */
  readonly redis?: RedisOptions
}

/**
 * Reconnects after 50, 100, 200, 400, 800 ms, then every second (plus up to 100 ms of jitter), so that
 * delivery resumes within about a second of Redis coming back; ioredis's own default backs off to 5 s.
 * With ioredis's `maxRetriesPerRequest` (20), commands wait through about 17 s of outage, then fail.
 */
function retryStrategy(times: number): number {
  return Math.min(50 * 2 ** (times - 1), 1_000) + Math.floor(Math.random() * 100)
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@')
}

/**
 * Connects an ioredis client and waits until Redis answers, so that a wrong or unreachable URL fails at
 * start with a clear error within `timeout` instead of retrying silently forever. The client it returns
 * keeps an `'error'` listener that logs outages, so a Redis outage never crashes the process; ioredis
 * reconnects by itself and queues commands meanwhile.
 *
 * @example
 * const redis = await connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
 * const io = createServer(chat, createRedisOptions(redis))
 * @param url - `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS)
 * @param options - `timeout`, `logger` and ioredis options
 * @returns a ready ioredis client (close it with `redis.quit()`)
 * @throws TypeError when `url` is not a Redis URL; Error when Redis does not answer within `timeout`
 */
export async function connectRedis(url: string, options: ConnectRedisOptions = {}): Promise<Redis> {
  if (typeof url !== 'string' || !/^rediss?:\/\/[^/]/.test(url)) {
    throw new TypeError(
      `[volley] connectRedis: ${JSON.stringify(url)} is not a Redis URL; expected redis://host:port (or rediss:// for TLS).`,
    )
  }
  const timeout = options.timeout ?? 5_000
  const logger = options.logger === false ? undefined : (options.logger ?? console)
  const redis = new Redis(url, { retryStrategy, ...options.redis, lazyConnect: true })
  let lastError: Error | undefined
  let ready = false
  let down = false
  redis.on('error', (error: Error) => {
    lastError = error
    if (!ready || down) return
    down = true
    logger?.warn(`[volley] Redis at ${redact(url)} is unreachable (${error.message}); retrying.`)
  })
  redis.on('ready', () => {
    ready = true
    if (!down) return
    down = false
    logger?.warn(`[volley] Redis at ${redact(url)} is reachable again.`)
  })
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      new Promise<void>((resolve) => {
        redis.once('ready', () => resolve())
        // The first attempt's failure rejects connect(); ioredis keeps retrying until `ready` or the timeout.
        redis.connect().catch((error: unknown) => {
          if (error instanceof Error) lastError = error
        })
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const reason = lastError === undefined ? 'no answer' : lastError.message
          reject(
            new Error(
              `[volley] Could not connect to Redis at ${redact(url)} within ${timeout} ms (${reason}). Check the URL and that Redis is running.`,
              { cause: lastError },
            ),
          )
        }, timeout)
      }),
    ])
    return redis
  } catch (error) {
    redis.disconnect()
    throw error
  } finally {
    clearTimeout(timer)
  }
}
