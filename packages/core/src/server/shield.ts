import type { Socket as RawSocket } from 'socket.io'
import type { VolleyLogger } from '../logger'
import { ESCALATION_SLOT } from './eventRoutes'
import type { ResolvedLimits } from './limits'
import { takeToken } from './rateLimiter'
import { RefusalLog } from '../refusalLog'
import type { SocketState } from './socketState'

/** Most addresses (or keys) remembered for cool-downs; the oldest are forgotten first. */
const MAX_COOL_DOWNS = 10_000

/**
 * A server's defences that outlive one socket: the refusal log, the escalation counters of connections
 * (refused CONNECT attempts), and cool-downs after a disconnect for refusals. @internal
 */
export class Shield {
  readonly log: RefusalLog
  readonly escalation: ResolvedLimits['escalation']
  /** Each socket's state, by its socket.io socket (the typed socket is `state.socket`). */
  readonly sockets = new WeakMap<object, SocketState>()
  readonly #connections = new WeakMap<object, Float64Array>()
  readonly #closing = new WeakSet<object>()
  readonly #coolDowns = new Map<string, number>()

  constructor(logger: VolleyLogger, limits: ResolvedLimits, episodeMs?: number) {
    this.log = new RefusalLog(logger, episodeMs)
    this.escalation = limits.escalation
  }

  /**
   * Counts one refusal in a socket's (or connection's) escalation bucket.
   * @returns `true` when the owner has now been refused too often and must be disconnected
   */
  overLimit(buckets: Float64Array): boolean {
    const escalation = this.escalation
    if (escalation === undefined) return false
    return !takeToken(
      buckets,
      ESCALATION_SLOT,
      { points: escalation.refusals, duration: escalation.window },
      Date.now(),
    )
  }

  /**
   * Counts a refused CONNECT on the socket's underlying connection (invalid auth, a middleware's
   * refusal, a cool-down).
   * @returns `'refuse'` to refuse it as usual; `'close'` when the connection has now been refused too
   *   often (refuse it saying so, then close the connection); `'closing'` when it already was (close now)
   */
  connectRefused(raw: RawSocket): 'refuse' | 'close' | 'closing' {
    const connection = raw.conn as object
    if (this.closing(raw)) return 'closing'
    let buckets = this.#connections.get(connection)
    if (buckets === undefined) {
      buckets = new Float64Array(2)
      this.#connections.set(connection, buckets)
    }
    if (!this.overLimit(buckets)) return 'refuse'
    this.#closing.add(connection)
    return 'close'
  }

  /** Whether the socket's connection is being closed for refused CONNECTs (ignore what it still sends). */
  closing(raw: RawSocket): boolean {
    return this.#closing.has(raw.conn)
  }

  #key(raw: RawSocket): string | undefined {
    try {
      return this.escalation?.key?.(raw.handshake) ?? raw.handshake.address
    } catch {
      return undefined
    }
  }

  /** Starts a cool-down for the socket's key, when `limits.escalation.coolDown` is set. */
  coolDown(raw: RawSocket): void {
    const duration = this.escalation?.coolDown ?? 0
    const key = duration > 0 ? this.#key(raw) : undefined
    if (key === undefined) return
    this.#coolDowns.delete(key)
    this.#coolDowns.set(key, Date.now() + duration)
    if (this.#coolDowns.size > MAX_COOL_DOWNS) {
      this.#coolDowns.delete(this.#coolDowns.keys().next().value as string)
    }
  }

  /** Milliseconds left of the cool-down of a connecting socket's key; `0` when there is none. */
  coolingDown(raw: RawSocket): number {
    if (this.#coolDowns.size === 0) return 0
    const key = this.#key(raw)
    const until = key === undefined ? undefined : this.#coolDowns.get(key)
    if (until === undefined) return 0
    const left = until - Date.now()
    if (left <= 0) this.#coolDowns.delete(key!)
    return Math.max(0, left)
  }
}

/** The Engine.IO id of a socket's connection (for log lines). @internal */
export function connectionId(raw: RawSocket): string {
  return (raw.conn as unknown as { id: string }).id
}
