import type { ServerOptions, Socket as RawSocket } from 'socket.io'
import type { VolleyLogger } from '../logger'
import type {
  ClientEventName,
  ContractDefinition,
  InferClientHandlerResult,
  InferClientPayload,
} from '../types'
import type { VolleyError } from '../VolleyError'
import type { IdempotencyStore } from './idempotencyStore'
import type { PresenceStore } from './presenceStore'
import type { RateLimitOptions } from './rateLimiter'
import type { SubscriptionStore } from './subscriptionStore'

/** A value or a promise of it. */
export type MaybePromise<T> = T | Promise<T>

/**
 * Options for `createServer`: Volley's own, plus every socket.io `ServerOptions` (`cors`, `path`,
 * `transports`, `connectionStateRecovery`, `adapter`, …), passed through unchanged, except that
 * `connectionStateRecovery.skipMiddlewares` skips only `io.use` middlewares: Volley's `auth` check runs
 * for recovered connections too.
 */
export interface CreateServerOptions<TData = Record<string, unknown>> extends Partial<ServerOptions> {
  /**
   * Payloads nested deeper than this (arrays and objects) are refused before validation, without
   * recursion, so a hostile payload cannot overflow the stack. Defaults to `32`.
   */
  maxPayloadDepth?: number
  /** Default timeout of `socket.request`, in milliseconds. Defaults to `10_000`. */
  requestTimeout?: number
  /** Where refused payloads and failed handlers are logged; `false` for silence. Defaults to `console`. */
  logger?: VolleyLogger | false
  /**
   * Called for every refused payload, unknown event and failed handler, in addition to the log.
   * Defaults to `undefined` (log only).
   */
  onError?: (error: VolleyError, context: ServerErrorContext) => void
  /**
   * Limits how many events each socket may send: at most `points` per `duration` ms (a token bucket, so
   * short bursts up to `points` pass). Events over the limit are refused before validation and answered
   * `RATE_LIMITED`. Defaults to `false` (no limit).
   */
  rateLimit?: RateLimitOptions | false
  /** Builds each socket's initial `socket.data`, before any middleware runs; infers its type. Defaults to `{}`. */
  socketData?: (socket: RawSocket) => TData
  /**
   * Keeps the history of resumable subscriptions (`io.publish`), so clients that reconnect get what they
   * missed. Use a shared store (`@volley/redis`) when several server processes publish. Defaults to a new
   * `MemorySubscriptionStore` (lost on restart: clients then get a `'reset'` gap).
   */
  subscriptionStore?: SubscriptionStore
  /**
   * Remembers the keys of idempotent requests (`client.request(event, payload, { queue: true })` or
   * `{ key }`), so a request sent twice runs once. Defaults to a new `MemoryIdempotencyStore`.
   */
  idempotencyStore?: IdempotencyStore
  /** How long an idempotency key and its answer are kept, in milliseconds. Defaults to `3_600_000` (one hour). */
  idempotencyTtl?: number
  /**
   * Keeps who is present in which topic (`io.presence`). Use a shared store (`RedisPresenceStore` of
   * `@volley/redis`) when several server processes serve the same clients. Defaults to a new
   * `MemoryPresenceStore`.
   */
  presenceStore?: PresenceStore
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
  /** Aborts the wait: the promise rejects with the signal's reason. Defaults to `undefined`. */
  signal?: AbortSignal
}

/** Resolved server settings shared by namespaces and sockets. @internal */
export interface ServerConfig {
  readonly maxPayloadDepth: number
  readonly requestTimeout: number
  readonly logger: VolleyLogger
  readonly onError: ((error: VolleyError, context: ServerErrorContext) => void) | undefined
  readonly socketData: ((socket: RawSocket) => unknown) | undefined
  readonly rateLimit: RateLimitOptions | undefined
  /**
   * socket.io's connection state recovery, when on: whether `io.use` middlewares are skipped for recovered
   * sockets (socket.io's `skipMiddlewares`). Volley's own auth check always runs.
   */
  readonly recovery: { readonly skipMiddlewares: boolean } | undefined
  readonly subscriptionStore: SubscriptionStore
  readonly idempotency: { readonly store: IdempotencyStore; readonly ttl: number }
  readonly presenceStore: PresenceStore
}
