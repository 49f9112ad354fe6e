/**
 * A rate: at most `points` events per `duration` milliseconds (a token bucket, so short bursts up to
 * `points` pass). Used by `createServer`'s `rateLimit` (all events of a socket together) and by
 * `limits.events[event].rate` (one event).
 */
export interface RateLimitOptions {
  /** How many events may pass in a burst (the bucket size). */
  readonly points: number
  /** In how many milliseconds an empty bucket refills completely. */
  readonly duration: number
}

/**
 * Takes a token from one bucket of a `Float64Array` of buckets (`[tokens, refilledAt]` per slot; a slot
 * never used is full). Buckets refill continuously. @internal
 *
 * @param buckets - the socket's buckets
 * @param slot - which bucket
 * @param rate - its size and refill time
 * @param now - `Date.now()`
 * @returns `false` when the bucket is empty
 */
export function takeToken(buckets: Float64Array, slot: number, rate: RateLimitOptions, now: number): boolean {
  const index = slot * 2
  const { points, duration } = rate
  const refilledAt = buckets[index + 1]!
  const tokens =
    refilledAt === 0 ? points : Math.min(points, buckets[index]! + ((now - refilledAt) * points) / duration)
  buckets[index + 1] = now
  if (tokens < 1) {
    buckets[index] = tokens
    return false
  }
  buckets[index] = tokens - 1
  return true
}

/**
 * Checks a rate option (`rateLimit`, `limits.events[event].rate`). @internal
 * @param rate - the option as given
 * @param where - its name in messages, e.g. `rateLimit`
 * @returns the rate, or `undefined` for `false`/`undefined`
 */
export function checkRateLimit(
  rate: RateLimitOptions | false | undefined,
  where = 'rateLimit',
): RateLimitOptions | undefined {
  if (rate === undefined || rate === false) return undefined
  const { points, duration } = rate
  if (!(Number.isFinite(points) && points >= 1 && Number.isFinite(duration) && duration > 0)) {
    throw new TypeError(
      `[volley] createServer: ${where} must be { points: number >= 1, duration: milliseconds > 0 }, e.g. { points: 20, duration: 1000 }; got ${JSON.stringify(rate)}.`,
    )
  }
  return { points, duration }
}
