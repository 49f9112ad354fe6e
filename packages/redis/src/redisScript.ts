import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

/**
 * A Lua script run with EVALSHA, loaded with EVAL the first time a server does not know it (after a
 * restart, on a new server). @internal
 */
export class RedisScript {
  readonly #source: string
  readonly #sha: string

  /** @param source - the Lua source */
  constructor(source: string) {
    this.#source = source
    this.#sha = createHash('sha1').update(source).digest('hex')
  }

  /**
   * Runs the script.
   * @param redis - the client
   * @param keys - its KEYS
   * @param args - its ARGV
   * @returns the script's reply
   */
  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.#sha, keys.length, ...keys, ...args)
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
      return redis.eval(this.#source, keys.length, ...keys, ...args)
    }
  }
}
