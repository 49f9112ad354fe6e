import type { ManagerOptions, SocketOptions } from 'socket.io-client'
import type { VolleyLogger } from '../logger'
import type {
  ClientEmitName,
  ClientRequestName,
  ContractDefinition,
  InferAuthInput,
  InferPresenceMetaInput,
  InferClientPayloadInput,
  InferServerHandlerResult,
  InferServerPayload,
  InferSubscriptionItem,
  InferSubscriptionSnapshot,
  PayloadArgs,
  PresenceMember,
  PresenceName,
  ServerEventName,
  SubscriptionName,
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
   * (React StrictMode, hot reload) keeps the connection; subscriptions wait as long before they end on the
   * server. Defaults to `100`.
   */
  releaseDelay?: number
  /**
   * The most requests the outbox holds (`client.request(…, { queue: true })`); one more is refused with
   * `QUEUE_FULL`. Defaults to `100`.
   */
  outboxLimit?: number
  /** Where refused payloads and failed handlers are logged; `false` for silence. Defaults to `console`. */
  logger?: VolleyLogger | false
  /** Called for every refused server payload and failed handler, in addition to the log. Defaults to `undefined`. */
  onError?: (error: VolleyError, context: { readonly event: string }) => void
}

/**
 * `client.volatile`: sends fire-and-forget events that are dropped, not buffered, while the client is not
 * connected (socket.io's `socket.volatile.emit`). For state that the next message makes stale anyway: a
 * game's 60 Hz inputs, cursor positions, "typing…". Use `client.emit` for events that must arrive after a
 * reconnect, and `client.request(…, { queue: true })` for ones that must arrive once.
 */
export interface VolatileEmitter<TContract extends ContractDefinition> {
  /**
   * Sends a fire-and-forget event now, or drops it when the client is not connected (or its transport is
   * busy): it is never buffered and never sent after a reconnect. The payload is validated first, as with
   * `client.emit`: an invalid one throws whether connected or not, and never leaves the client.
   *
   * @example
   * client.volatile.emit('input', { room: 'r1', seq: 42, keys: 0b0101 })
   * @param event - a `clientToServer` event without `ack`
   * @param args - its payload, the one argument after `event` (optional when the schema accepts `undefined`)
   * @throws VolleyError `VALIDATION_FAILED` when the payload fails its schema (asynchronous schemas report through `onError`)
   */
  emit<TEvent extends ClientEmitName<TContract>>(
    event: TEvent,
    ...args: PayloadArgs<InferClientPayloadInput<TContract, TEvent>>
  ): void
}

/** Options for `client.request`. */
export interface ClientRequestOptions {
  /**
   * Milliseconds to wait for the ack once the request is sent (time spent in the outbox does not count).
   * Defaults to the client's `requestTimeout` (`10_000`).
   */
  timeout?: number
  /** Aborts the wait (and takes a queued request out of the outbox): the promise rejects with the signal's reason. Defaults to `undefined`. */
  signal?: AbortSignal
  /**
   * Puts the request in the outbox: it waits there while the client is offline and is sent when it
   * connects, one at a time, in order, with an idempotency key, so that a resend (an ack lost to a dropped
   * connection) runs once on the server and gets the same answer. Defaults to `false` (sent now; buffered
   * by socket.io while connecting, withdrawn if it times out first).
   */
  queue?: boolean
  /**
   * The idempotency key: sends with the same key run once on the server and get the same answer. Use a
   * random UUID (the outbox draws one when you give none). Defaults to `undefined` (no key, unless `queue`).
   */
  key?: string
}

/** Told to `onConnect` listeners on every connection. */
export interface ConnectInfo {
  /** The socket id. */
  readonly id: string
  /** Whether socket.io's connection state recovery restored the previous session (rooms, missed events). */
  readonly recovered: boolean
  /** `false` on the client's first connection, `true` on every later one. */
  readonly reconnected: boolean
}

/** Why a resumed subscription could not continue right after the last item the client saw. */
export interface SubscriptionGap {
  /**
   * `'expired'`: items were dropped by the server's retention before the client came back.
   * `'reset'`: the server no longer has the history the client was in (it restarted with an in-memory
   * store, or the stream was flushed); what follows starts a new history.
   */
  readonly reason: 'expired' | 'reset'
  /** How many items were dropped, when the server's store can tell. */
  readonly dropped?: number
  /** The last cursor the client saw before the gap. */
  readonly cursor: string | undefined
}

/** What `onItems` is told about a batch. */
export interface SubscriptionItemsInfo {
  /** `true` for items the server replayed on a (re)subscribe, `false` for live ones. */
  readonly replayed: boolean
  /**
   * `true` when the replay continued from a cursor (after a reconnect, or from a saved cursor): items
   * missed while away. `false` for the history a new subscription starts with (`from: 'start'`) and for
   * live items.
   */
  readonly resumed: boolean
  /** The cursor of the batch's last item. */
  readonly cursor: string
}

/** Options and handlers of `client.subscribe(name, params, options)`. */
export interface SubscribeOptions<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
> {
  /**
   * Where a new subscription starts: `'now'` (items published from now on), `'start'` (every item the
   * server still keeps, then live ones) or a cursor from an earlier session. Later resubscribes always
   * continue after the last item received. Defaults to `'now'`.
   */
  from?: 'start' | 'now' | (string & {})
  /** Receives items in order, each once: a replay after each (re)subscribe, then live ones. Defaults to `undefined`. */
  onItems?: (items: InferSubscriptionItem<TContract, TName>[], info: SubscriptionItemsInfo) => void
  /** Told when items the client missed are gone; the items that follow come after the gap. Defaults to `undefined`. */
  onGap?: (gap: SubscriptionGap) => void
  /** Receives the snapshot of a snapshot subscription, on every (re)subscribe. Defaults to `undefined`. */
  onSnapshot?: (
    snapshot: InferSubscriptionSnapshot<TContract, TName>,
    info: { readonly cursor: string },
  ) => void
  /** Told when the server refuses the subscription (`UNAUTHORIZED`, `VALIDATION_FAILED`, `UNKNOWN_EVENT`…). Defaults to `undefined`. */
  onError?: (error: VolleyError) => void
}

/**
 * The state of a subscription; the same object until it changes. Items do not change it (read the cursor
 * from `onItems`' info, or `subscription.cursor`).
 */
export interface SubscriptionSnapshot {
  /**
   * `'pending'` until the server confirms (and again while it resubscribes after a reconnect), `'live'`,
   * `'error'` when the server refused it (retried on the next connection), `'closed'` once unsubscribed.
   */
  readonly status: 'pending' | 'live' | 'error' | 'closed'
  /** The last refusal, while `status` is `'error'`. */
  readonly error: VolleyError | undefined
  /** The last gap the subscription went through. */
  readonly gap: SubscriptionGap | undefined
}

/** A request waiting in the outbox, typed by its event. */
export type OutboxItem<TContract extends ContractDefinition> = {
  [TEvent in ClientRequestName<TContract>]: {
    /** The idempotency key it is sent with. */
    readonly key: string
    readonly event: TEvent
    readonly payload: InferClientPayloadInput<TContract, TEvent>
    /** `'queued'` (waiting for the connection or its turn) or `'sending'` (waiting for the ack). */
    readonly status: 'queued' | 'sending'
    /** How many times it was sent (more than one after a connection dropped before the ack). */
    readonly attempts: number
  }
}[ClientRequestName<TContract>]

/** The outbox's state: the requests waiting, oldest first; the same object until it changes. */
export interface OutboxSnapshot<TContract extends ContractDefinition> {
  readonly items: readonly OutboxItem<TContract>[]
  /** `items.length`. */
  readonly size: number
}

/** A client handler for a server-to-client event; for events with `ack`, its return value is the answer. */
export type ClientEventHandler<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = (payload: InferServerPayload<TContract, TEvent>) => InferServerHandlerResult<TContract, TEvent>

/** Options of `client.presence(name, params, options)`. */
export interface PresenceJoinOptions<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
> {
  /**
   * Tracks this connection in the topic with this meta (validated before it is sent), on every
   * connection; change it later with `update`. Without it the client only watches the topic. Defaults to
   * `undefined` (watch only).
   */
  meta?: InferPresenceMetaInput<TContract, TName>
  /** Told when the server refuses the join or a meta (`UNAUTHORIZED`, `VALIDATION_FAILED`, `UNKNOWN_EVENT`…). Defaults to `undefined`. */
  onError?: (error: VolleyError) => void
}

/**
 * Who is in a presence topic, as this client sees it: a full state on every (re)join, then each change.
 * The same object until something changes.
 */
export interface PresenceSnapshot<TMeta = unknown> {
  /**
   * `'pending'` until the server answers the join (again after each reconnect: the members shown are
   * those from before), `'live'`, `'error'` when the server refused it (retried on the next connection),
   * `'closed'` once left.
   */
  readonly status: 'pending' | 'live' | 'error' | 'closed'
  /** The last refusal, while `status` is `'error'`. */
  readonly error: VolleyError | undefined
  /**
   * Everyone present, one member per user key, in the order this client learned of them (the full state's
   * order, then joins; with several server processes, two members who arrive at the same moment may be
   * listed in another order by a client of another process).
   */
  readonly members: readonly PresenceMember<TMeta>[]
  /** `members` without this client's user (its other tabs are part of `me`, not of `others`). */
  readonly others: readonly PresenceMember<TMeta>[]
  /** This client's user, with every connection it has in the topic; `undefined` while it has none. */
  readonly me: PresenceMember<TMeta> | undefined
}
