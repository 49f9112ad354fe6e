/** Options for `createServer`'s `rateLimit`: at most `points` events per `duration` milliseconds, per socket. */
export interface RateLimitOptions {
  /** How many events a socket may send in a burst (the bucket size). */
  readonly points: number
  /** In how many milliseconds a full bucket refills. */
  readonly duration: number
}

/**
 * A token bucket for one socket: `points` tokens, refilled continuously over `duration` ms. Each event
 * takes one; an event that finds the bucket empty is refused. @internal
 */
export class RateLimiter {
  #tokens: number
  #refilledAt = Date.now()
  /** Whether the last `take` was refused: a flood is logged once, not once per event. */
  limited = false

  constructor(readonly options: RateLimitOptions) {
    this.#tokens = options.points
  }

  /** Takes a token; `false` when the socket is over its limit. */
  take(): boolean {
    const now = Date.now()
    const { points, duration } = this.options
    this.#tokens = Math.min(points, this.#tokens + ((now - this.#refilledAt) * points) / duration)
    this.#refilledAt = now
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }
}

/** Checks the `rateLimit` option. @internal */
export function checkRateLimit(
  rateLimit: RateLimitOptions | false | undefined,
): RateLimitOptions | undefined {
  if (rateLimit === undefined || rateLimit === false) return undefined
  const { points, duration } = rateLimit
  if (!(Number.isFinite(points) && points >= 1 && Number.isFinite(duration) && duration > 0)) {
    throw new TypeError(
      `[volley] createServer: rateLimit must be { points: number >= 1, duration: milliseconds > 0 }, e.g. { points: 20, duration: 1000 }; got ${JSON.stringify(rateLimit)}.`,
    )
  }
  return rateLimit
}
