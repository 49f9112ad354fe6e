import type { ManagerOptions, SocketOptions } from 'socket.io-client'
import type { VolleyLogger } from '../logger'
import type {
  ContractDefinition,
  InferAuthInput,
  InferServerHandlerResult,
  InferServerPayload,
  ServerEventName,
} from '../types'
import type { VolleyError } from '../VolleyError'

/** Connection status, as the client store reports it. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected'

/**
 * An immutable snapshot of the connection. It keeps its identity until something changes, as
 * `useSyncExternalStore` requires.
 */
export interface ConnectionSnapshot {
  /** `connecting` (first attempt), `connected`, `reconnecting` (lost, retrying) or `disconnected` (stopped). */
  readonly status: ConnectionStatus
  /** The socket id while connected, otherwise `undefined`. */
  readonly id: string | undefined
  /** Whether the last connection restored the previous session (socket.io connection state recovery). */
  readonly recovered: boolean
  /** The last connection error (`UNAUTHORIZED` when the server refused the handshake, `DISCONNECTED` otherwise). */
  readonly lastError: VolleyError | undefined
  /** The current reconnection attempt, `0` while connected or before the first retry. */
  readonly attempt: number
}

/** When the client validates what the server sends. */
export type ValidateIncoming = 'always' | 'development' | 'never'

/**
 * Options for `createClient`: Volley's own, plus every socket.io-client option (`transports`,
 * `reconnection*`, `path`, `withCredentials`, `autoConnect`, …), passed through unchanged.
 *
 * socket.io-client's `autoConnect` defaults to `true`: a client created at module scope connects on import,
 * also during server rendering. For apps rendered on the server, pass `autoConnect: false` and let the
 * React provider or Vue plugin connect it in the browser (`client.retain()`).
 */
export interface CreateClientOptions<TContract extends ContractDefinition = ContractDefinition> extends Omit<
  Partial<ManagerOptions & SocketOptions>,
  'auth'
> {
  /** Handshake `auth`, typed by the contract's `auth` schema (or socket.io's callback form). Defaults to `undefined`. */
  auth?: InferAuthInput<TContract> | ((callback: (data: object) => void) => void)
  /**
   * Validate server-to-client payloads and acks: `'always'`, `'development'` (only when `NODE_ENV` is not
   * `production`) or `'never'` (trust the server). Without validation, schema transforms and defaults do not
   * run, so handlers and acks get the data as sent, not the schema's output type. Defaults to `'always'`.
   */
  validateIncoming?: ValidateIncoming
  /** Default timeout of `client.request`, in milliseconds. Defaults to `10_000`. */
  requestTimeout?: number
  /**
   * After the last `retain()` is released, wait this long before disconnecting, so that a remount
   * (React StrictMode, hot reload) keeps the connection. Defaults to `100`.
   */
  releaseDelay?: number
  /** Where refused payloads and failed handlers are logged; `false` for silence. Defaults to `console`. */
  logger?: VolleyLogger | false
  /** Called for every refused server payload and failed handler, in addition to the log. Defaults to `undefined`. */
  onError?: (error: VolleyError, context: { readonly event: string }) => void
}

/** Options for `client.request`. */
export interface ClientRequestOptions {
  /** Milliseconds to wait for the ack. Defaults to the client's `requestTimeout` (`10_000`). */
  timeout?: number
  /** Aborts the wait: the promise rejects with the signal's reason. Defaults to `undefined`. */
  signal?: AbortSignal
}

/** A client handler for a server-to-client event; for events with `ack`, its return value is the answer. */
export type ClientEventHandler<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = (payload: InferServerPayload<TContract, TEvent>) => InferServerHandlerResult<TContract, TEvent>
