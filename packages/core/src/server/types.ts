import type { ServerOptions, Socket as RawSocket } from 'socket.io'
import type { VolleyLogger } from '../logger'
import type {
  ClientEventName,
  ContractDefinition,
  InferClientHandlerResult,
  InferClientPayload,
} from '../types'
import type { VolleyError } from '../VolleyError'
import type { ResolvedLimits, ServerLimitsOptions } from './limits'
import type { RateLimitOptions } from './rateLimiter'
import type { Shield } from './shield'

/** A value or a promise of it. */
export type MaybePromise<T> = T | Promise<T>

/**
 * Options for `createServer`: Volley's own, plus every socket.io `ServerOptions` (`cors`, `path`,
 * `transports`, `connectionStateRecovery`, `adapter`, …), passed through unchanged. `TContract` types the
 * event names of `limits.events`; `createServer` infers it from the contract.
 */
export interface CreateServerOptions<
  TData = Record<string, unknown>,
  TContract extends ContractDefinition = ContractDefinition,
> extends Partial<ServerOptions> {
  /**
   * Payloads nested deeper than this (arrays and objects) are refused before validation, without
   * recursion, so a hostile payload cannot overflow the stack. Defaults to `32`.
   */
  maxPayloadDepth?: number
  /** Default timeout of `socket.request`, in milliseconds. Defaults to `10_000`. */
  requestTimeout?: number
  /**
   * Where refused payloads and failed handlers are logged; `false` for silence. Logs stay proportional to
   * distinct problems, not to traffic: the first refusal of each kind from a socket is logged (untrusted
   * names and texts truncated, at most 1,000 characters a line), repeats are counted and summarized in
   * one line per 10 s while they go on and when the socket disconnects, and all lines share a budget
   * (a burst of 200, then 50 per second; with `console`, none while over 1 MiB waits for a slow stderr).
   * Defaults to `console`.
   */
  logger?: VolleyLogger | false
  /**
   * Called for every refused payload, unknown event and failed handler, in addition to the log.
   * Defaults to `undefined` (log only).
   */
  onError?: (error: VolleyError, context: ServerErrorContext) => void
  /**
   * Limits how many events each socket may send, all events together: at most `points` per `duration` ms
   * (a token bucket, so short bursts up to `points` pass). An event over the limit is refused before
   * validation: answered `RATE_LIMITED` when the sender asked for an ack, dropped otherwise, and counted
   * towards `limits.escalation`. For one event's own limit, use `limits.events`. Defaults to `false` (no limit).
   */
  rateLimit?: RateLimitOptions | false
  /**
   * Defences against hostile or broken clients, on by default with thresholds a well-behaved client never
   * reaches: `escalation` (disconnect a socket after `refusals` refusals within `window` ms, optionally
   * with a cool-down), `outgoing` (close connections that leave too much data unread), `attachments`
   * (drop binary packets whose attachments never arrive) and per-event `events` limits (`rate`,
   * `maxBytes`). See `ServerLimitsOptions`; docs/reliability.md lists the defaults and the figures.
   * Defaults to `{ escalation: { refusals: 200, window: 10_000, coolDown: 0 }, outgoing: { maxBytes: 1_048_576, grace: 5_000 }, attachments: { maxBytes: maxHttpBufferSize, timeout: 30_000 }, events: {} }`.
   *
   * @example
   * createServer(arena, {
   *   limits: {
   *     events: { input: { rate: { points: 90, duration: 1000 }, maxBytes: 512 } },
   *     escalation: { refusals: 100, window: 10_000, coolDown: 30_000 },
   *   },
   * })
   */
  limits?: ServerLimitsOptions<TContract>
  /** Builds each socket's initial `socket.data`, before any middleware runs; infers its type. Defaults to `{}`. */
  socketData?: (socket: RawSocket) => TData
}

/** What `onError` is told about a failure. */
export interface ServerErrorContext {
  /** The event concerned, when there is one. */
  readonly event?: string
  /** The socket concerned: its id, `data` and socket.io `raw` socket. */
  readonly socket?: { readonly id: string; readonly data: unknown; readonly raw: RawSocket }
  /** The payload as it arrived, untrusted. */
  readonly payload?: unknown
  /** What was happening: validating an incoming event, running its handler, answering a server request, or the handshake. */
  readonly phase: 'event' | 'handler' | 'request' | 'handshake'
}

/** A server handler: receives the validated payload, returns (or resolves to) the ack. */
export type ServerEventHandler<
  TContract extends ContractDefinition,
  TEvent extends ClientEventName<TContract>,
> = (payload: InferClientPayload<TContract, TEvent>) => InferClientHandlerResult<TContract, TEvent>

/** Options for `socket.request`. */
export interface ServerRequestOptions {
  /** Milliseconds to wait for the client's answer. Defaults to the server's `requestTimeout` (`10_000`). */
  timeout?: number
}

/** Resolved server settings shared by namespaces and sockets. @internal */
export interface ServerConfig {
  readonly maxPayloadDepth: number
  readonly requestTimeout: number
  readonly logger: VolleyLogger
  readonly onError: ((error: VolleyError, context: ServerErrorContext) => void) | undefined
  readonly socketData: ((socket: RawSocket) => unknown) | undefined
  readonly rateLimit: RateLimitOptions | undefined
  readonly limits: ResolvedLimits
  /** Runtime defences shared by every namespace of the server. */
  readonly shield: Shield
}
