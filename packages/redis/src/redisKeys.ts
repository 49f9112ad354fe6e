/** The default prefix of Volley's Redis keys. */
export const DEFAULT_PREFIX = 'volley'

/** The Redis keys and channels of one app, from its prefix. @internal */
export interface RedisKeys {
  readonly prefix: string
  /** The adapter's stream (also the prefix of its pub/sub channels). */
  readonly adapterStream: string
  /** The prefix of connection state recovery sessions. */
  readonly sessionPrefix: string
  /** The prefix of subscription history streams. */
  readonly subscriptionPrefix: string
  /** The prefix of idempotency keys. */
  readonly idempotencyPrefix: string
}

/**
 * The keys Volley uses under a prefix. @internal
 * @param prefix - the app's prefix. Defaults to `'volley'`.
 * @returns the keys
 * @throws TypeError for an empty prefix or one with spaces
 */
export function redisKeys(prefix: string = DEFAULT_PREFIX): RedisKeys {
  if (typeof prefix !== 'string' || prefix.length === 0 || /\s/.test(prefix)) {
    throw new TypeError(
      `[volley] The Redis key prefix must be a non-empty string without spaces, got ${JSON.stringify(prefix)}.`,
    )
  }
  return {
    prefix,
    adapterStream: `${prefix}:adapter`,
    sessionPrefix: `${prefix}:session:`,
    subscriptionPrefix: `${prefix}:sub:`,
    idempotencyPrefix: `${prefix}:idem:`,
  }
}
