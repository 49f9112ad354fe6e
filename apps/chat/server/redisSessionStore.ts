import type { Redis } from 'ioredis'
import session from 'express-session'

/**
 * express-session's store on Redis, so that every worker (and every machine) knows who is signed in: the
 * sign-in may hit one worker and the socket handshake another. Sessions expire with their cookie.
 */
export class RedisSessionStore extends session.Store {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'chat:session:',
  ) {
    super()
  }

  override get(sid: string, callback: (error: unknown, data?: session.SessionData | null) => void): void {
    this.redis.get(this.prefix + sid).then(
      (value) => callback(null, value === null ? null : (JSON.parse(value) as session.SessionData)),
      (error: unknown) => callback(error),
    )
  }

  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    const ttl = data.cookie.maxAge ?? 24 * 3600 * 1000
    this.redis.set(this.prefix + sid, JSON.stringify(data), 'PX', Math.max(1, Math.round(ttl))).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    )
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.redis.del(this.prefix + sid).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    )
  }
}
