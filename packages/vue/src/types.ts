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
  PresenceMember,
  PresenceName,
  ServerEventName,
  SubscriptionName,
  VolleyError,
} from '@volley/core'
import type {
  ClientRequestOptions,
  ConnectListener,
  ConnectionSnapshot,
  OutboxSnapshot,
  PresenceObserverOptions,
  PresenceSnapshot,
  RequestSnapshot,
  SubscriptionObserverOptions,
  SubscriptionSnapshot,
  VolleyClient,
} from '@volley/core/client'
import type { ComputedRef, InjectionKey, MaybeRefOrGetter, Plugin, Ref, ShallowRef } from 'vue'
import type { VolleyPluginOptions } from './volleyPlugin'

/** The handler of `useSocketEvent`: receives each validated payload of the event (the same name in React). */
export type UseSocketEventHandler<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = (payload: InferServerPayload<TContract, TEvent>) => void

/** What `useSocketEvent` returns: a read-only ref of the last payload, `undefined` before the first. */
export type UseSocketEventResult<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = Readonly<ShallowRef<InferServerPayload<TContract, TEvent> | undefined>>

/** Options of `useRequest`: the options of `client.request` (`timeout`, `signal`, `queue`, `key`). */
export type UseRequestOptions = ClientRequestOptions

/** What `useRequest` returns: the request's state (`status`, `data`, `error`, `isPending`, as refs) and its actions. */
export interface UseRequestResult<
  TContract extends ContractDefinition,
  TEvent extends ClientRequestName<TContract>,
> {
  /** Sends the request; the outcome lands in `data` / `error`, never as a rejection. */
  readonly send: (...args: PayloadArgs<InferClientPayloadInput<TContract, TEvent>>) => void
  /** Sends the request and resolves to the ack; rejects with `VolleyError`. */
  readonly sendAsync: (
    ...args: PayloadArgs<InferClientPayloadInput<TContract, TEvent>>
  ) => Promise<InferClientAck<TContract, TEvent>>
  /** Back to `idle`; answers to earlier sends are ignored. */
  readonly reset: () => void
  /** The last successful ack. */
  readonly data: ComputedRef<InferClientAck<TContract, TEvent> | undefined>
  /** The last failure. */
  readonly error: ComputedRef<VolleyError | undefined>
  /** `true` while a request is in flight. */
  readonly isPending: ComputedRef<boolean>
  /** `idle`, `pending`, `success` or `error`. */
  readonly status: ComputedRef<RequestSnapshot<unknown>['status']>
}

/** What `useConnectionStatus` returns: a read-only ref of the client's connection snapshot. */
export type UseConnectionStatusResult = Readonly<ShallowRef<ConnectionSnapshot>>

/**
 * Options of `useSubscription`: `from` and the handlers of `client.subscribe` (the latest ones are
 * called), and `enabled` (`false` holds the subscription off, e.g. until a room is picked).
 */
export type UseSubscriptionOptions<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
> = SubscriptionObserverOptions<TContract, TName>

/** What `useSubscription` returns: a read-only ref of the subscription's state (`status`, `error`, `gap`). */
export type UseSubscriptionResult = Readonly<ShallowRef<SubscriptionSnapshot>>

/** What `useOutbox` returns: a read-only ref of the requests waiting in the outbox (`items`, `size`). */
export type UseOutboxResult<TContract extends ContractDefinition> = Readonly<
  ShallowRef<OutboxSnapshot<TContract>>
>

/**
 * Options of `usePresence` (a value, ref or getter): `meta` (this connection is present with it while
 * given; a new value is sent, a new object with the same values is not), `onError`, and `enabled`.
 */
export type UsePresenceOptions<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
> = PresenceObserverOptions<TContract, TName>

/**
 * What `usePresence` returns: read-only refs of who is in the topic (`members`, `others` without this
 * user, `me`) and of the join's state (`status`, `error`), and `update` (the same names as in React).
 */
export interface UsePresenceResult<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
> {
  /** Everyone present, one member per user key. */
  readonly members: ComputedRef<readonly PresenceMember<InferPresenceMeta<TContract, TName>>[]>
  /** `members` without this client's user. */
  readonly others: ComputedRef<readonly PresenceMember<InferPresenceMeta<TContract, TName>>[]>
  /** This client's user, with all its connections; `undefined` while it has none in the topic. */
  readonly me: ComputedRef<PresenceMember<InferPresenceMeta<TContract, TName>> | undefined>
  /** `pending`, `live`, `error` or `closed`. */
  readonly status: ComputedRef<PresenceSnapshot['status']>
  /** The last refusal, while `status` is `error`. */
  readonly error: ComputedRef<VolleyError | undefined>
  /**
   * Tracks this connection with a meta, or changes it (until the `meta` option changes again); resolves
   * once the server has it, rejects with a `VolleyError` (also told to `onError`).
   */
  readonly update: (meta: InferPresenceMetaInput<TContract, TName>) => Promise<void>
}

/** The listener of `useOnConnect`: runs on every connection, may return a cleanup for when it drops. */
export type UseOnConnectListener = ConnectListener

/** The plugin and composables of one contract, typed from it: no generics at the call site. */
export interface VolleyVue<TContract extends ContractDefinition> {
  /**
   * The key under which the plugin provides the client.
   *
   * @example
   * const client = inject(volley.injectionKey)
   */
  injectionKey: InjectionKey<VolleyClient<TContract>>
  /**
   * A Vue plugin that provides a client to the app: the one given, or one created from options with
   * `autoConnect: false`. It connects on `app.mount` (never during server rendering) and releases the
   * connection on `app.unmount`.
   *
   * @example
   * createApp(App).use(plugin({ url: 'http://localhost:3000' })).mount('#app')
   * @param clientOrOptions - a client from `createClient`, or `{ url, ...createClient options }`
   * @returns the plugin
   */
  plugin: (clientOrOptions?: VolleyClient<TContract> | VolleyPluginOptions<TContract>) => Plugin
  /**
   * Alias of `plugin`.
   *
   * @example
   * app.use(VolleyPlugin({ url: 'http://localhost:3000' }))
   * @param clientOrOptions - a client, or options to create one
   * @returns the plugin
   */
  VolleyPlugin: (clientOrOptions?: VolleyClient<TContract> | VolleyPluginOptions<TContract>) => Plugin
  /**
   * The typed client the plugin provides, for `emit`, `on` and `raw`.
   *
   * @example
   * const socket = useSocket()
   * socket.emit('typing', { room })
   * @returns the client; throws a `[volley]` error outside an app that installed the plugin
   */
  useSocket: () => VolleyClient<TContract>
  /**
   * The last payload of a server-to-client event, as a read-only ref; unsubscribes when the scope is disposed.
   *
   * @example
   * const last = useSocketEvent('message:new', (message) => messages.value.push(message))
   * @param event - a `serverToClient` event of the contract
   * @param handler - optional; a function or a ref to one, called with every validated payload
   * @returns a read-only shallow ref, `undefined` before the first payload (and on the server)
   */
  useSocketEvent: <TEvent extends ServerEventName<TContract>>(
    event: TEvent,
    handler?:
      UseSocketEventHandler<TContract, TEvent> | Ref<UseSocketEventHandler<TContract, TEvent> | undefined>,
  ) => UseSocketEventResult<TContract, TEvent>
  /**
   * Sends a request (a `clientToServer` event that declares `ack`) and tracks its state in refs.
   *
   * @example
   * const { send, data, error, isPending } = useRequest('message:send', { timeout: 5_000 })
   * send({ room: 'lobby', text: 'hi' })
   * @param event - a `clientToServer` event with `ack` (fire-and-forget events do not compile)
   * @param options - `timeout`, `signal`, `queue` and `key`, as for `client.request` (a ref or getter is followed)
   * @returns `send` (never rejects), `sendAsync`, `reset`, and read-only refs `data`, `error`, `isPending`, `status`
   */
  useRequest: <TEvent extends ClientRequestName<TContract>>(
    event: TEvent,
    options?: MaybeRefOrGetter<UseRequestOptions | undefined>,
  ) => UseRequestResult<TContract, TEvent>
  /**
   * The connection snapshot as a read-only ref; it changes only when the connection does.
   *
   * @example
   * const connection = useConnectionStatus()
   * const offline = computed(() => connection.value.status !== 'connected')
   * @returns a read-only shallow ref of `{ status, id, recovered, lastError, attempt }`
   */
  useConnectionStatus: () => UseConnectionStatusResult
  /**
   * Subscribes to a resumable subscription of the contract for the lifetime of the current effect scope
   * (a component's setup): the handlers get the items published from now on (or, with `from: 'start'`,
   * what the server keeps), and after every reconnect the items missed meanwhile, exactly once and in
   * order. Scopes with the same name and params share one subscription on the server. `params` may be a
   * ref or getter: a new value resubscribes, a new object with the same values does not.
   *
   * @example
   * const state = useSubscription('doc:updates', () => ({ doc: props.doc }), {
   *   onSnapshot: ({ update }) => Y.applyUpdate(ydoc, update),
   *   onItems: (updates) => updates.forEach(({ update }) => Y.applyUpdate(ydoc, update)),
   * })
   * @param name - a subscription of the contract
   * @param params - its params, or a ref or getter of them
   * @param options - `from`, and the handlers `onItems`, `onGap`, `onSnapshot`, `onError`
   * @returns a read-only ref of `{ status, error, gap }` (`'pending'` on the server)
   */
  useSubscription: <TName extends SubscriptionName<TContract>>(
    name: TName,
    params: MaybeRefOrGetter<InferSubscriptionParamsInput<TContract, TName>>,
    options?: UseSubscriptionOptions<TContract, TName>,
  ) => UseSubscriptionResult
  /**
   * The requests waiting in the client's outbox (`client.request(…, { queue: true })`), as a read-only ref.
   *
   * @example
   * const outbox = useOutbox()
   * const sending = computed(() => outbox.value.size > 0)
   * @returns a read-only ref of `{ items, size }`
   */
  useOutbox: () => UseOutboxResult<TContract>
  /**
   * Runs work on every connection for the lifetime of the current effect scope (at once if already
   * connected), told whether socket.io recovered the session; a cleanup it returns runs when that
   * connection drops. Use it instead of reading `client.raw.connected`.
   *
   * @example
   * useOnConnect(({ recovered }) => {
   *   if (!recovered) void join()
   *   return () => (synced.value = false)
   * })
   * @param listener - receives `{ id, recovered, reconnected }`; may return a cleanup
   */
  useOnConnect: (listener: UseOnConnectListener) => void
  /**
   * Who is in a presence topic for the lifetime of the current effect scope: a full state on every
   * connection, then each join, update and leave. With `meta`, this connection is present too (one meta
   * per connection; the server groups connections by user, so two tabs are one member). `params` and
   * `options` may be refs or getters: a new meta value is sent, new params move to another topic.
   *
   * @example
   * const status = ref<'online' | 'away'>('online')
   * const { others, me } = usePresence('room', () => ({ room: props.room }), () => ({ meta: { name: user.name, status: status.value } }))
   * @param name - a presence of the contract
   * @param params - the topic's params, or a ref or getter of them
   * @param options - `meta`, `onError`, `enabled`, or a ref or getter of them
   * @returns read-only refs `members`, `others`, `me`, `status`, `error` (`'pending'` and empty on the
   *   server), and `update`
   */
  usePresence: <TName extends PresenceName<TContract>>(
    name: TName,
    params: MaybeRefOrGetter<InferPresenceParamsInput<TContract, TName>>,
    options?: MaybeRefOrGetter<UsePresenceOptions<TContract, TName> | undefined>,
  ) => UsePresenceResult<TContract, TName>
}
