import type { Redis } from 'ioredis'

/**
 * Refuses anything but an ioredis client (a node-redis client in JavaScript, a URL string, a cluster),
 * with a message that says what to pass. @internal
 * @param redis - what the caller passed
 * @param where - the function, for the message
 */
export function assertIoredis(redis: unknown, where: string): asserts redis is Redis {
  const candidate = redis as Partial<Record<'xadd' | 'duplicate' | 'sSubscribe' | 'options', unknown>> | null
  if (typeof redis === 'string') {
    throw new TypeError(
      `[volley] ${where}: pass an ioredis client, not a URL: \`const redis = await connectRedis(url)\`.`,
    )
  }
  if (typeof candidate === 'object' && candidate !== null && typeof candidate.sSubscribe === 'function') {
    throw new TypeError(
      `[volley] ${where}: this is a node-redis client; @volley/redis uses ioredis (it retries instead of exiting the process when Redis goes away). Create one with \`connectRedis(url)\`.`,
    )
  }
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.xadd !== 'function' ||
    typeof candidate.duplicate !== 'function' ||
    typeof candidate.options !== 'object'
  ) {
    throw new TypeError(
      `[volley] ${where}: expected an ioredis client (\`new Redis(url)\` or \`await connectRedis(url)\`).`,
    )
  }
}
