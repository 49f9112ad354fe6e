import type {
  ClientRequestName,
  ContractDefinition,
  InferClientAck,
  InferClientPayloadInput,
  InferPresenceMeta,
  InferPresenceMetaInput,
  InferPresenceParamsInput,
  InferServerPayload,
  InferSubscriptionParamsInput,
  PayloadArgs,
  PresenceName,
  ServerEventName,
  SubscriptionName,
} from '@volley/core'
import type {
  ClientRequestOptions,
  ConnectListener,
  ConnectionSnapshot,
  CreateClientOptions,
  OutboxSnapshot,
  PresenceObserverOptions,
  PresenceSnapshot,
  RequestSnapshot,
  SubscriptionObserverOptions,
  SubscriptionSnapshot,
  VolleyClient,
} from '@volley/core/client'
import type { JSX, ReactNode } from 'react'

/** Props of a `VolleyProvider`: an existing `client`, or a `url` and `options` to create one. */
export type VolleyProviderProps<TContract extends ContractDefinition> = {
  readonly children?: ReactNode
} & (
  | {
      /** A client from `createClient` (create it with `autoConnect: false`; the provider connects it). */
      readonly client: VolleyClient<TContract>
      readonly url?: never
      readonly options?: never
    }
  | {
      readonly client?: never
      /**
       * The server (and namespace) to connect to; omit it for the page's origin. A new `url` creates a
       * new client (and releases the previous one); the same `url` on a later render keeps the client.
       */
      readonly url?: string
      /** `createClient` options, read when the client is created (first render, or a new `url`); `autoConnect` is always `false`. */
      readonly options?: CreateClientOptions<TContract>
    }
)

/** The handler of `useSocketEvent`: receives each validated payload of the event. */
export type UseSocketEventHandler<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = (payload: InferServerPayload<TContract, TEvent>) => void

/** What `useSocketEvent` returns: the last payload of the event, `undefined` before the first. */
export type UseSocketEventResult<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = InferServerPayload<TContract, TEvent> | undefined

/** Options of `useRequest`: the options of `client.request` (`timeout`, `signal`). */
export type UseRequestOptions = ClientRequestOptions

/** What `useRequest` returns: the request's state (`status`, `data`, `error`, `isPending`) and its actions. */
export interface UseRequestResult<
  TContract extends ContractDefinition,
  TEvent extends ClientRequestName<TContract>,
> extends RequestSnapshot<InferClientAck<TContract, TEvent>> {
  /** Sends the request; the outcome lands in `data` or `error`, never as a rejection. */
  readonly send: (...args: PayloadArgs<InferClientPayloadInput<TContract, TEvent>>) => void
  /** Sends the request and resolves to the ack; rejects with a `VolleyError`. */
  readonly sendAsync: (
    ...args: PayloadArgs<InferClientPayloadInput<TContract, TEvent>>
  ) => Promise<InferClientAck<TContract, TEvent>>
  /** Back to `idle`; answers to earlier sends are ignored. */
  readonly reset: () => void
}

/** What `useConnectionStatus` returns: the client's connection snapshot. */
export type UseConnectionStatusResult = ConnectionSnapshot

/**
 * Options of `useSubscription`: `from` and the handlers of `client.subscribe` (the latest ones are
 * called), and `enabled` (`false` holds the subscription off, e.g. until a room is picked).
 */
export type UseSubscriptionOptions<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
> = SubscriptionObserverOptions<TContract, TName>

/** What `useSubscription` returns: the subscription's state (`status`, `error`, `gap`). */
export type UseSubscriptionResult = SubscriptionSnapshot

/** What `useOutbox` returns: the requests waiting in the outbox (`items`, `size`). */
export type UseOutboxResult<TContract extends ContractDefinition> = OutboxSnapshot<TContract>

/**
 * Options of `usePresence`: `meta` (this connection is present with it while given; a new value is sent,
 * a new object with the same values is not), `onError`, and `enabled` (`false` holds the presence off).
 */
export type UsePresenceOptions<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
> = PresenceObserverOptions<TContract, TName>

/**
 * What `usePresence` returns: who is in the topic (`members`, `others` without this user, `me`), the
 * state of the join (`status`, `error`), and `update` to change this connection's meta.
 */
export interface UsePresenceResult<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
> extends PresenceSnapshot<InferPresenceMeta<TContract, TName>> {
  /**
   * Tracks this connection with a meta, or changes it (until the `meta` option changes again); resolves
   * once the server has it, rejects with a `VolleyError` (also told to `onError`).
   */
  readonly update: (meta: InferPresenceMetaInput<TContract, TName>) => Promise<void>
}

/** The listener of `useOnConnect`: runs on every connection, may return a cleanup for when it drops. */
export type UseOnConnectListener = ConnectListener

/** The provider and hooks `createVolleyReact(contract)` returns, all typed by that contract. */
export interface VolleyReact<TContract extends ContractDefinition> {
  /**
   * Provides a client to the hooks below it and keeps it connected while mounted (`client.retain()` in an
   * effect): StrictMode and hot reload keep one connection, and server rendering opens none.
   *
   * @example
   * <VolleyProvider url="http://localhost:3000"><App /></VolleyProvider>
   * @param props - `client` (from `createClient`, with `autoConnect: false`), or `url` and `options` to
   *   create one lazily (again when `url` changes); and `children`
   * @returns the tree, with the client in context
   */
  readonly VolleyProvider: (props: VolleyProviderProps<TContract>) => JSX.Element

  /**
   * The typed client of the nearest `VolleyProvider`, for `emit`, `on` and `raw`.
   *
   * @example
   * const socket = useSocket()
   * socket.emit('typing', { room })
   * @returns the client; throws a `[volley]` error outside the provider of the same `createVolleyReact` call
   */
  readonly useSocket: () => VolleyClient<TContract>

  /**
   * The last payload of a server-to-client event; also calls the latest `handler` once per payload,
   * without re-subscribing when the handler changes. Re-renders once per payload of this event only.
   *
   * @example
   * const last = useSocketEvent('message:new', (message) => setMessages((all) => [...all, message]))
   * @param event - a `serverToClient` event of the contract
   * @param handler - optional; receives each validated payload
   * @returns the last payload received while the event was observed, `undefined` before the first one (and on the server)
   */
  readonly useSocketEvent: <TEvent extends ServerEventName<TContract>>(
    event: TEvent,
    handler?: UseSocketEventHandler<TContract, TEvent>,
  ) => UseSocketEventResult<TContract, TEvent>

  /**
   * Sends a request (a `clientToServer` event that declares `ack`) and tracks its state.
   *
   * @example
   * const { send, data, error, isPending } = useRequest('message:send', { timeout: 5_000 })
   * send({ room: 'lobby', text: 'hi' })
   * @param event - a `clientToServer` event with `ack` (fire-and-forget events do not compile)
   * @param options - `timeout` and `signal`, as for `client.request`; forwarded after each render
   * @returns `{ status, data, error, isPending, send, sendAsync, reset }`
   */
  readonly useRequest: <TEvent extends ClientRequestName<TContract>>(
    event: TEvent,
    options?: UseRequestOptions,
  ) => UseRequestResult<TContract, TEvent>

  /**
   * The connection snapshot; re-renders only when it changes.
   *
   * @example
   * const { status, lastError } = useConnectionStatus()
   * @returns `{ status, id, recovered, lastError, attempt }`
   */
  readonly useConnectionStatus: () => UseConnectionStatusResult

  /**
   * Subscribes to a resumable subscription of the contract while the component is mounted: the handlers
   * (the latest ones) get the items published from now on (or, with `from: 'start'`, what the server
   * keeps), and after every reconnect the items missed meanwhile, exactly once and in order. Components
   * with the same name and params share one subscription on the server; StrictMode opens one. New
   * `params` with the same values do not resubscribe.
   *
   * @example
   * const { status, gap } = useSubscription('room:messages', { room }, {
   *   from: 'start',
   *   onItems: (messages, { replayed }) => dispatch({ type: 'messages', messages, replayed }),
   *   onGap: () => setWarning('Some messages may be missing'),
   * })
   * @param name - a subscription of the contract
   * @param params - its params
   * @param options - `from`, and the handlers `onItems`, `onGap`, `onSnapshot`, `onError`
   * @returns `{ status, error, gap }`; `status` is `'pending'` on the server
   */
  readonly useSubscription: <TName extends SubscriptionName<TContract>>(
    name: TName,
    params: InferSubscriptionParamsInput<TContract, TName>,
    options?: UseSubscriptionOptions<TContract, TName>,
  ) => UseSubscriptionResult

  /**
   * The requests waiting in the client's outbox (`client.request(…, { queue: true })`): what is still on
   * its way, e.g. to show "Sending…".
   *
   * @example
   * const { items } = useOutbox()
   * const sending = items.filter((item) => item.event === 'message:send')
   * @returns `{ items, size }`, re-rendering when a request is queued, sent or answered
   */
  readonly useOutbox: () => UseOutboxResult<TContract>

  /**
   * Runs work on every connection while the component is mounted (at once if already connected), told
   * whether socket.io recovered the session; a cleanup it returns runs when that connection drops. Use it
   * instead of reading `client.raw.connected` or keying effects on the connection id.
   *
   * @example
   * useOnConnect(({ recovered }) => {
   *   if (!recovered) listRooms({})
   * })
   * @param listener - receives `{ id, recovered, reconnected }`; the latest one runs
   */
  readonly useOnConnect: (listener: UseOnConnectListener) => void

  /**
   * Who is in a presence topic while the component is mounted: a full state on every connection, then
   * each join, update and leave. With `meta`, this connection is present too (one meta per connection;
   * the server groups connections by user, so two tabs are one member). `others` is everyone but this
   * user (Liveblocks' `useOthers`), `me` this user with all its connections. Components with the same name
   * and params share one topic; StrictMode tracks once. New `params` or `meta` with the same values change
   * nothing.
   *
   * @example
   * const { others, me, update } = usePresence('room', { room }, { meta: { name: user.name, status: 'online' } })
   * return <ul>{others.map((member) => <li key={member.key}>{member.meta.name}</li>)}</ul>
   * @param name - a presence of the contract
   * @param params - the topic's params
   * @param options - `meta`, `onError`, `enabled`
   * @returns `{ status, error, members, others, me, update }`; on the server, `'pending'` with no members
   */
  readonly usePresence: <TName extends PresenceName<TContract>>(
    name: TName,
    params: InferPresenceParamsInput<TContract, TName>,
    options?: UsePresenceOptions<TContract, TName>,
  ) => UsePresenceResult<TContract, TName>
}
