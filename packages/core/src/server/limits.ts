import type { Socket as RawSocket } from 'socket.io'
import type { ClientEventName, ContractDefinition } from '../types'
import { checkRateLimit, type RateLimitOptions } from './rateLimiter'

/**
 * Limits for one client-to-server event, per socket (`limits.events[event]`).
 *
 * @example
 * const input: EventLimitOptions = { rate: { points: 90, duration: 1000 }, maxBytes: 512 }
 */
export interface EventLimitOptions {
  /**
   * At most `points` messages of this event per `duration` ms, per socket (a token bucket). A message over
   * the limit never reaches validation: when the sender asked for an ack (a request) it is answered
   * `RATE_LIMITED`; otherwise (fire and forget) it is dropped without an answer. Either way it is counted
   * towards `limits.escalation`, in the aggregated log and by `onError`; it is never logged one line per
   * message. Defaults to no limit for the event.
   */
  readonly rate?: RateLimitOptions
  /**
   * The largest payload accepted, in bytes as estimated while walking the payload for the depth check
   * (no re-serialization): string and key lengths plus JSON punctuation, 8 per number, the `byteLength`
   * of binary values. Over it, a request is answered `PAYLOAD_TOO_LARGE` and a fire-and-forget message is
   * dropped; both are counted like rate-limited ones. The payload has already been received and parsed
   * by then (socket.io's `maxHttpBufferSize` bounds that); the cap keeps it from validation and handlers.
   * Defaults to no cap for the event.
   */
  readonly maxBytes?: number
}

/**
 * Per-event limits, keyed by the contract's client-to-server event names (a name outside the contract is
 * a compile error and throws at runtime).
 *
 * @example
 * const events: EventLimitsOptions<typeof arena> = { input: { rate: { points: 90, duration: 1000 } } }
 */
export type EventLimitsOptions<TContract extends ContractDefinition> = {
  readonly [TEvent in ClientEventName<TContract>]?: EventLimitOptions
}

/**
 * When a socket (or a connection sending bad CONNECTs) is disconnected for repeated refusals.
 *
 * @example
 * const escalation: EscalationOptions = { refusals: 100, window: 10_000, coolDown: 60_000, key: (h) => h.headers['x-forwarded-for'] as string }
 */
export interface EscalationOptions {
  /**
   * How many refusals a socket may collect in a burst before it is disconnected; refusals drain at
   * `refusals` per `window` ms, so a socket refused more than `refusals` times within `window` ms is
   * disconnected. Every refusal counts: invalid payload, unknown event, rate limited, too large, and
   * refused CONNECT attempts (invalid `auth`, a middleware's refusal) per connection. Defaults to `200`.
   */
  readonly refusals?: number
  /** The window of `refusals`, in milliseconds. Defaults to `10_000`. */
  readonly window?: number
  /**
   * After a disconnect for refusals, refuse new connections with the same `key` for this many ms
   * (`RATE_LIMITED` on `connect_error`). `0` turns the cool-down off. Defaults to `0`.
   */
  readonly coolDown?: number
  /**
   * The key a cool-down applies to. Behind a proxy every client has the proxy's address: read the
   * forwarded address (or a user id) instead. Defaults to `(handshake) => handshake.address`.
   */
  readonly key?: (handshake: RawSocket['handshake']) => string | undefined
}

/**
 * A cap on data queued for a socket that does not read it (a slow or frozen consumer).
 *
 * @example
 * const outgoing: OutgoingLimitOptions = { maxBytes: 4 * 1024 * 1024, grace: 10_000 }
 */
export interface OutgoingLimitOptions {
  /**
   * Bytes that may wait for one connection, counted as the memory they hold: Engine.IO's write buffer
   * (each packet's data, its pre-encoded WebSocket frame, and 512 bytes of bookkeeping) plus the
   * WebSocket's buffered amount (kernel buffers not included). socket.io already drops `volatile` packets
   * for a connection that is not writable; past this cap, a connection that stays over it for `grace` ms
   * (or goes over 4 times the cap) is closed and its queue dropped. Defaults to `1_048_576` (1 MiB).
   */
  readonly maxBytes?: number
  /**
   * How long a connection may stay over `maxBytes`, in ms. All connections are checked every `grace / 5`
   * ms (at most every second), those with more than a quarter of `maxBytes` waiting every 100 ms.
   * Defaults to `5_000`.
   */
  readonly grace?: number
}

/**
 * A guard for binary packets whose attachments never all arrive (socket.io holds them meanwhile).
 *
 * @example
 * const attachments: AttachmentLimitOptions = { maxBytes: 10e6, timeout: 60_000 }
 */
export interface AttachmentLimitOptions {
  /**
   * Bytes of attachments one connection may hold while a binary packet is incomplete; past it the
   * connection is closed. Defaults to the server's `maxHttpBufferSize` (socket.io's default `1e6`).
   */
  readonly maxBytes?: number
  /** Milliseconds a binary packet may wait for its attachments; then they are dropped. Defaults to `30_000`. */
  readonly timeout?: number
}

/**
 * Limits against hostile or broken clients (`createServer`'s `limits`); each documented on its option.
 *
 * @example
 * createServer(arena, { limits: { events: { input: { rate: { points: 90, duration: 1000 }, maxBytes: 512 } } } })
 */
export interface ServerLimitsOptions<TContract extends ContractDefinition = ContractDefinition> {
  /**
   * Per-event rate limits and payload size caps, per socket, for the main namespace (`io.of` takes its own).
   * Defaults to `{}` (none).
   *
   * @example
   * createServer(arena, { limits: { events: { input: { rate: { points: 90, duration: 1000 }, maxBytes: 512 } } } })
   */
  readonly events?: EventLimitsOptions<TContract>
  /** Disconnects sockets that keep being refused. `false` turns it off. Defaults to `{ refusals: 200, window: 10_000, coolDown: 0 }`. */
  readonly escalation?: EscalationOptions | false
  /** Bounds data queued for slow consumers. `false` turns it off. Defaults to `{ maxBytes: 1_048_576, grace: 5_000 }`. */
  readonly outgoing?: OutgoingLimitOptions | false
  /** Bounds incomplete binary packets. `false` turns it off. Defaults to `{ maxBytes: maxHttpBufferSize, timeout: 30_000 }`. */
  readonly attachments?: AttachmentLimitOptions | false
}

/**
 * Per-event limits of a namespace made with `io.of(name, contract, limits)`; the other limits are the server's.
 *
 * @example
 * io.of('/arena', arena, { events: { input: { rate: { points: 90, duration: 1000 } } } })
 */
export type NamespaceLimitsOptions<TContract extends ContractDefinition = ContractDefinition> = Pick<
  ServerLimitsOptions<TContract>,
  'events'
>

/** Resolved `limits`, minus the per-namespace `events`. @internal */
export interface ResolvedLimits {
  readonly escalation: (Required<Omit<EscalationOptions, 'key'>> & Pick<EscalationOptions, 'key'>) | undefined
  readonly outgoing: Required<OutgoingLimitOptions> | undefined
  readonly attachments: Required<AttachmentLimitOptions> | undefined
}

function positive(where: string, value: number | undefined, fallback: number, zero = false): number {
  if (value === undefined) return fallback
  if (!(Number.isFinite(value) && (value > 0 || (zero && value === 0)))) {
    throw new TypeError(
      `[volley] createServer: ${where} must be a ${zero ? 'non-negative' : 'positive'} number, got ${String(value)}.`,
    )
  }
  return value
}

/** Checks `limits` and fills in defaults. @internal */
export function resolveLimits(
  limits: ServerLimitsOptions | undefined,
  maxHttpBufferSize: number,
): ResolvedLimits {
  const { escalation = {}, outgoing = {}, attachments = {} } = limits ?? {}
  return {
    escalation:
      escalation === false
        ? undefined
        : {
            refusals: positive('limits.escalation.refusals', escalation.refusals, 200),
            window: positive('limits.escalation.window', escalation.window, 10_000),
            coolDown: positive('limits.escalation.coolDown', escalation.coolDown, 0, true),
            key: escalation.key,
          },
    outgoing:
      outgoing === false
        ? undefined
        : {
            maxBytes: positive('limits.outgoing.maxBytes', outgoing.maxBytes, 1_048_576),
            grace: positive('limits.outgoing.grace', outgoing.grace, 5_000),
          },
    attachments:
      attachments === false
        ? undefined
        : {
            maxBytes: positive('limits.attachments.maxBytes', attachments.maxBytes, maxHttpBufferSize),
            timeout: positive('limits.attachments.timeout', attachments.timeout, 30_000),
          },
  }
}

/** Checks `limits.events` against a contract. @internal */
export function checkEventLimits(
  contract: ContractDefinition,
  events: Record<string, EventLimitOptions | undefined> | undefined,
  where: string,
): ReadonlyMap<string, EventLimitOptions> {
  const checked = new Map<string, EventLimitOptions>()
  for (const [event, limit] of Object.entries(events ?? {})) {
    if (limit === undefined) continue
    if (!Object.prototype.hasOwnProperty.call(contract.clientToServer, event)) {
      throw new TypeError(
        `[volley] ${where}: limits.events["${event}"] is not a clientToServer event of this contract.`,
      )
    }
    const rate = checkRateLimit(limit.rate, `limits.events["${event}"].rate`)
    const maxBytes =
      limit.maxBytes === undefined
        ? undefined
        : positive(`limits.events["${event}"].maxBytes`, limit.maxBytes, 0)
    checked.set(event, { rate, maxBytes })
  }
  return checked
}
