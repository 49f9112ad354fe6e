import type { Socket } from 'socket.io-client'
import { DEFAULT_MAX_PAYLOAD_DEPTH } from '../depth'
import { invalidData, payloadArgs } from '../incoming'
import { resolveLogger } from '../logger'
import { PROTOCOL_EVENTS } from '../reserved'
import { RefusalLog } from '../refusalLog'
import type {
  ClientEventName,
  ClientRequestName,
  ContractDefinition,
  InferClientAck,
  InferClientPayloadInput,
  InferPresenceParamsInput,
  InferSubscriptionParamsInput,
  PayloadArgs,
  PresenceName,
  ServerEventName,
  SubscriptionName,
  Unsubscribe,
} from '../types'
import { validate, type ValidateResult } from '../validate'
import { VolleyError } from '../VolleyError'
import { ConnectionStore } from './connectionStore'
import { EventObserver } from './eventObserver'
import { HandlerRegistry, type AnyHandler, type ListenerTarget } from '../handlerRegistry'
import {
  reportClient,
  serverEventHandler,
  type IncomingConfig,
  type RecoveryInternals,
} from './handleServerEvent'
import { createOutgoing } from './sendBuffer'
import type { OutgoingRequests } from '../outgoing'
import { ClientPresence } from './clientPresence'
import { ClientSubscriptions } from './clientSubscriptions'
import { ConnectionLifecycle, type ConnectListener } from './connectionLifecycle'
import { Outbox } from './outbox'
import { Presence } from './presence'
import type { TopicHolder } from './presenceTopic'
import { randomKey } from './randomKey'
import { Subscription } from './subscription'
import type { EntryHandlers } from './subscriptionEntry'
import type {
  ClientEventHandler,
  ClientRequestOptions,
  ConnectionSnapshot,
  CreateClientOptions,
  PresenceJoinOptions,
  SubscribeOptions,
  VolatileEmitter,
} from './types'

function isProduction(): boolean {
  try {
    return process.env.NODE_ENV === 'production'
  } catch {
    return false
  }
}

const has = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key)

/**
 * A socket.io client typed by a contract, and the store that React and Vue bind to.
 * Create one with `createClient`; `raw` is socket.io-client's `Socket`.
 */
export class VolleyClient<TContract extends ContractDefinition> {
  /** socket.io-client's `Socket`, for everything Volley does not wrap (`raw.io` is the Manager). */
  readonly raw: Socket
  /** The contract this client speaks. */
  readonly contract: TContract
  readonly #store: ConnectionStore
  readonly #incoming: IncomingConfig
  readonly #requestTimeout: number
  readonly #releaseDelay: number
  readonly #retries: boolean
  readonly #outgoing: OutgoingRequests
  readonly #handlers: HandlerRegistry
  readonly #observers = new Map<string, EventObserver<unknown>>()
  readonly #subscriptions: ClientSubscriptions
  readonly #presence: ClientPresence
  readonly #lifecycle: ConnectionLifecycle
  /**
   * Requests waiting for the connection (`request(…, { queue: true })`), as a store: `subscribe` and
   * `getSnapshot()` (`{ items, size }`) let a UI show what is still on its way.
   */
  readonly outbox: Outbox<TContract>
  #retained = 0
  #releaseTimer: ReturnType<typeof setTimeout> | undefined

  /** @internal Use `createClient`. */
  constructor(raw: Socket, contract: TContract, options: CreateClientOptions<TContract>) {
    this.raw = raw
    this.contract = contract
    const mode = options.validateIncoming ?? 'always'
    this.#incoming = {
      validate: mode === 'always' || (mode === 'development' && !isProduction()),
      maxPayloadDepth: DEFAULT_MAX_PAYLOAD_DEPTH,
      log: new RefusalLog(resolveLogger(options.logger)),
      socket: raw,
      onError: options.onError,
    }
    this.#requestTimeout = options.requestTimeout ?? 10_000
    this.#releaseDelay = options.releaseDelay ?? 100
    this.#retries = (options.retries ?? 0) > 0
    this.#store = new ConnectionStore(raw)
    this.#outgoing = createOutgoing(raw, this.#incoming)
    const report = (error: VolleyError, event: string): void => reportClient(this.#incoming, event, error)
    this.#subscriptions = new ClientSubscriptions(raw, contract, this.#outgoing, {
      validate: this.#incoming.validate,
      maxDepth: this.#incoming.maxPayloadDepth,
      report: (error) => report(error, PROTOCOL_EVENTS.subscribe),
      releaseDelay: this.#releaseDelay,
      requestTimeout: this.#requestTimeout,
    })
    this.#presence = new ClientPresence(raw, contract, this.#outgoing, {
      validate: this.#incoming.validate,
      maxDepth: this.#incoming.maxPayloadDepth,
      report: (error) => report(error, PROTOCOL_EVENTS.presenceJoin),
      releaseDelay: this.#releaseDelay,
      requestTimeout: this.#requestTimeout,
    })
    this.outbox = new Outbox(raw, this.#outgoing, options.outboxLimit ?? 100)
    this.#lifecycle = new ConnectionLifecycle(raw, (error) => report(error, 'connect'))
    this.#handlers = new HandlerRegistry(raw as unknown as ListenerTarget, (event, handlers, listenOnly) =>
      serverEventHandler(
        this.#incoming,
        raw as unknown as RecoveryInternals,
        event,
        contract.serverToClient[event]!,
        handlers,
        listenOnly,
      ),
    )
  }

  /**
   * Two uses, told apart by the first argument:
   *
   * - `subscribe(listener)`: listens to connection changes (the store contract `useSyncExternalStore`
   *   expects, with `getSnapshot`); returns a function that stops listening.
   * - `subscribe(name, params, options)`: subscribes to a resumable subscription of the contract. Its
   *   handlers get the items published from now on (or, with `from: 'start'`, every item the server still
   *   keeps), and after every reconnect the items they missed, exactly once and in order, then live ones
   *   again; `onGap` says when missed items are gone, `onSnapshot` receives a snapshot subscription's
   *   snapshot. Calls with the same name and params share one subscription on the server. Returns the
   *   `Subscription` (its state as a store, and `unsubscribe()`).
   *
   * @example
   * const off = client.subscribe(() => render(client.getSnapshot().status))
   * const messages = client.subscribe('room:messages', { room: 'lobby' }, {
   *   from: 'start',
   *   onItems: (items, { replayed }) => append(items, replayed),
   *   onGap: () => warn('Some messages may be missing'),
   * })
   * messages.unsubscribe()
   * @param listener - called after each connection change; or the name of a subscription
   * @param params - the subscription's params (validated before they are sent)
   * @param options - `from`, and the handlers `onItems`, `onGap`, `onSnapshot`, `onError`
   * @returns a function that stops listening; or the `Subscription`
   */
  subscribe: {
    (listener: () => void): Unsubscribe
    <TName extends SubscriptionName<TContract>>(
      name: TName,
      params: InferSubscriptionParamsInput<TContract, TName>,
      options?: SubscribeOptions<TContract, TName>,
    ): Subscription<TContract, TName>
  } = ((
    first: (() => void) | string,
    params?: unknown,
    options: SubscribeOptions<TContract, SubscriptionName<TContract>> = {},
  ): Unsubscribe | Subscription<TContract, SubscriptionName<TContract>> => {
    if (typeof first === 'function') return this.#store.subscribe(first)
    const { from = 'now', ...handlers } = options
    const { entry, release } = this.#subscriptions.open(first, params, from, handlers as EntryHandlers)
    return new Subscription(entry, release)
  }) as VolleyClient<TContract>['subscribe']

  /**
   * Joins a presence topic of the contract: its `getSnapshot()` says who is there (`members`, `others`,
   * `me`: a full state on every connection, then each join, update and leave), and with `meta` this
   * connection is present too (`update` changes the meta, `untrack` hides it). Calls with the same name and
   * params share one topic on the server; after a reconnect the client joins again, with its latest meta.
   *
   * @example
   * const lobby = client.presence('room', { room: 'lobby' }, { meta: { name: 'Ada', status: 'online' } })
   * lobby.subscribe(() => showOnline(lobby.getSnapshot().others.map((member) => member.meta.name)))
   * await lobby.update({ name: 'Ada', status: 'away' })
   * lobby.leave()
   * @param name - a presence of the contract
   * @param params - the topic's params (validated before they are sent)
   * @param options - `meta` (track this connection with it) and `onError`
   * @returns the `Presence`: a store of the topic's members, `update`, `untrack` and `leave`
   * @throws TypeError when the name is not a presence of the contract
   */
  presence<TName extends PresenceName<TContract>>(
    name: TName,
    params: InferPresenceParamsInput<TContract, TName>,
    options: PresenceJoinOptions<TContract, TName> = {},
  ): Presence<TContract, TName> {
    const holder: TopicHolder = { meta: undefined, onError: options.onError }
    const meta = options.meta === undefined ? undefined : { value: options.meta }
    const { topic, release } = this.#presence.open(name, params, holder, meta)
    return new Presence(this.#presence, topic, holder, release)
  }

  /**
   * Runs work on every connection: now if connected, then on each reconnect, told whether socket.io's
   * connection state recovery restored the session. A function it returns runs when that connection
   * drops. It runs after Volley's own reconnect work (subscriptions resubscribed, the outbox sending), so
   * use it for what the server does not keep for you, e.g. joining presence or reloading a list.
   *
   * @example
   * const off = client.onConnect(({ recovered }) => {
   *   if (!recovered) void client.request('rooms:list', {}).then(showRooms)
   *   return () => markStale()
   * })
   * @param listener - receives `{ id, recovered, reconnected }`; may return a cleanup
   * @returns a function that removes the listener (and runs its pending cleanup)
   */
  onConnect(listener: ConnectListener): Unsubscribe {
    return this.#lifecycle.add(listener)
  }

  /**
   * The current connection snapshot; the same object until something changes.
   *
   * @example
   * if (client.getSnapshot().status === 'reconnecting') showBanner()
   * @returns `{ status, id, recovered, lastError, attempt }`
   */
  getSnapshot = (): ConnectionSnapshot => this.#store.getSnapshot()

  /**
   * Handles a server-to-client event. The payload is validated first (see `validateIncoming`). For an
   * event that declares `ack`, the handler's return value is the answer to the server's request.
   *
   * @example
   * const off = client.on('message:new', (message) => messages.push(message))
   * @param event - a `serverToClient` event of the contract
   * @param handler - receives the payload
   * @returns a function that removes the handler
   */
  on<TEvent extends ServerEventName<TContract>>(
    event: TEvent,
    handler: ClientEventHandler<TContract, TEvent>,
  ): Unsubscribe {
    if (!has(this.contract.serverToClient, event)) {
      throw new TypeError(
        `[volley] client.on("${event}"): "${event}" is not a serverToClient event of this contract.`,
      )
    }
    return this.#handlers.add(event, handler as AnyHandler)
  }

  /**
   * An observer of one server-to-client event that remembers its last payload: the store behind
   * `useSocketEvent`. The same event always returns the same observer.
   *
   * @example
   * const observer = client.observe('message:new')
   * observer.subscribe(() => console.log(observer.getSnapshot().data))
   * @param event - a `serverToClient` event
   * @returns the event's observer
   */
  observe<TEvent extends ServerEventName<TContract>>(
    event: TEvent,
  ): EventObserver<Parameters<ClientEventHandler<TContract, TEvent>>[0]> {
    let observer = this.#observers.get(event)
    if (observer === undefined) {
      if (!has(this.contract.serverToClient, event)) {
        throw new TypeError(
          `[volley] client.observe("${event}"): "${event}" is not a serverToClient event of this contract.`,
        )
      }
      // Observers listen only: they never answer a server request, whatever handler was added first.
      observer = new EventObserver((onPayload) => this.#handlers.add(event, onPayload as AnyHandler, true))
      this.#observers.set(event, observer)
    }
    return observer as EventObserver<Parameters<ClientEventHandler<TContract, TEvent>>[0]>
  }

  #validateOutgoing(
    event: string,
    payload: unknown,
  ): ValidateResult<unknown> | Promise<ValidateResult<unknown>> {
    if (!has(this.contract.clientToServer, event)) {
      throw new TypeError(`[volley] "${event}" is not a clientToServer event of this contract.`)
    }
    return validate(this.contract.clientToServer[event]!.payload, payload)
  }

  /**
   * Sends a fire-and-forget event. The payload is validated first: an invalid one never leaves the client.
   * While the client is not connected the event is buffered and sent on (re)connect; `client.volatile.emit`
   * drops it instead.
   *
   * @example
   * client.emit('typing', { room: 'lobby' })
   * @param event - a `clientToServer` event
   * @param args - its payload, the one argument after `event` (optional when the schema accepts `undefined`)
   * @throws VolleyError `VALIDATION_FAILED` when the payload fails its schema (asynchronous schemas report through `onError`)
   */
  emit<TEvent extends ClientEventName<TContract>>(
    event: TEvent,
    ...args: PayloadArgs<InferClientPayloadInput<TContract, TEvent>>
  ): void {
    this.#emit(event, args[0], false)
  }

  /**
   * Sends fire-and-forget events that are dropped rather than buffered while the client is not connected,
   * like socket.io's `socket.volatile.emit`: for inputs, cursors and other state the next message makes
   * stale. Payloads are validated as with `emit`. The same object on every read (it holds no state).
   *
   * @example
   * client.volatile.emit('input', { room: 'r1', seq: 42, keys: 0b0101 })
   */
  readonly volatile: VolatileEmitter<TContract> = {
    emit: (event, ...args) => this.#emit(event, args[0], true),
  }

  #emit(event: string, payload: unknown, volatile: boolean): void {
    if (volatile && has(this.contract.clientToServer, event) && this.contract.clientToServer[event]!.ack)
      throw new TypeError(
        `[volley] client.volatile.emit("${event}"): "${event}" declares \`ack\`; use client.request for requests.`,
      )
    const send = (result: ValidateResult<unknown>): void => {
      if (!result.ok) throw invalidData(event, 'payload', result)
      // Volatile: sent if socket.io-client would send it now, otherwise dropped. Not through its own
      // `volatile` flag, which also drops a packet while the transport writes the previous one (all but the
      // first of a burst in one tick) yet buffers one while a dead connection waits for its ping timeout;
      // except with `retries`, whose queue would resend it after a reconnect.
      if (!volatile) this.raw.emit(event, ...payloadArgs(payload))
      else if (this.raw.connected && this.raw.io.engine?._hasPingExpired?.() !== true)
        (this.#retries ? this.raw.volatile : this.raw).emit(event, ...payloadArgs(payload))
    }
    const result = this.#validateOutgoing(event, payload)
    if (result instanceof Promise) {
      result.then(send).catch((error: unknown) => reportClient(this.#incoming, event, error as VolleyError))
    } else {
      send(result)
    }
  }

  /**
   * Sends a request and resolves to the server's validated ack. With `queue: true` it goes through the
   * outbox: kept while offline, sent in order when connected, with an idempotency key so that a resend
   * after a dropped connection runs once on the server (see `Outbox`). With `key` alone it is sent now,
   * with that idempotency key.
   *
   * @example
   * const { id, at } = await client.request('message:send', { room: 'lobby', text: 'hi' }, { timeout: 5_000 })
   * await client.request('message:send', { room: 'lobby', text: 'sent when back online' }, { queue: true })
   * @param event - a `clientToServer` event that declares `ack`
   * @param payload - its payload, validated before it is sent (or queued)
   * @param options - `timeout` (defaults to the client's `requestTimeout`, `10_000`), `signal`, `queue`, `key`
   * @returns the ack; rejects with `VolleyError`: `VALIDATION_FAILED` (with `issues`), `TIMEOUT`,
   *   `DISCONNECTED`, `UNAUTHORIZED`, `HANDLER_ERROR`, `UNKNOWN_EVENT`, `QUEUE_FULL` (outbox full), or the
   *   code the handler threw
   */
  request<TEvent extends ClientRequestName<TContract>>(
    event: TEvent,
    payload: InferClientPayloadInput<TContract, TEvent>,
    options: ClientRequestOptions = {},
  ): Promise<InferClientAck<TContract, TEvent>> {
    type Ack = InferClientAck<TContract, TEvent>
    const ackSchema = has(this.contract.clientToServer, event)
      ? this.contract.clientToServer[event]!.ack
      : undefined
    if (ackSchema === undefined) {
      return Promise.reject(
        new TypeError(
          `[volley] client.request("${event}") needs a clientToServer event that declares \`ack\`; use client.emit for fire-and-forget events.`,
        ),
      )
    }
    // Synchronous schemas take no extra tick: the hot path awaits only the server.
    const send = (checked: ValidateResult<unknown>): Promise<Ack> => {
      if (!checked.ok) return Promise.reject(invalidData(event, 'payload', checked))
      const timeout = options.timeout ?? this.#requestTimeout
      if (options.queue === true) {
        const key = options.key ?? randomKey()
        return this.outbox.add({
          event,
          payload,
          ackSchema,
          key,
          timeout,
          signal: options.signal,
        }) as Promise<Ack>
      }
      if (!this.raw.active) {
        return Promise.reject(
          new VolleyError(
            'DISCONNECTED',
            `Cannot request "${event}": the client is disconnected. Call client.connect() first.`,
          ),
        )
      }
      if (options.key !== undefined) {
        const request =
          payload === undefined ? { event, key: options.key } : { event, key: options.key, payload }
        return this.#outgoing.send(PROTOCOL_EVENTS.idempotent, request, ackSchema, {
          timeout,
          signal: options.signal,
          label: event,
        }) as Promise<Ack>
      }
      return this.#outgoing.send(event, payload, ackSchema, {
        timeout,
        signal: options.signal,
      }) as Promise<Ack>
    }
    try {
      const checked = this.#validateOutgoing(event, payload)
      return checked instanceof Promise ? checked.then(send) : send(checked)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /**
   * Opens the connection (when created with `autoConnect: false`, or after `disconnect`).
   *
   * @example
   * client.connect()
   * @returns this client
   */
  connect(): this {
    if (this.raw.connected) return this
    if (!this.raw.active) this.#store.set({ status: 'connecting', lastError: undefined })
    // Also reopens a connection that dropped while socket.io's `reconnection` was off.
    this.raw.connect()
    return this
  }

  /**
   * Closes the connection; it stays closed until `connect()`. Requests in flight reject with `DISCONNECTED`;
   * queued ones (`{ queue: true }`) stay in the outbox and go out on the next `connect()` (`outbox.clear()`
   * drops them). Subscriptions resubscribe on the next `connect()` too.
   *
   * @example
   * client.disconnect()
   * @returns this client
   */
  disconnect(): this {
    this.#outgoing.fail(
      new VolleyError('DISCONNECTED', 'client.disconnect() was called before the server answered.'),
      'all',
    )
    this.raw.disconnect()
    this.#store.set({ status: 'disconnected', id: undefined, attempt: 0 })
    return this
  }

  /**
   * Marks the connection as in use: connects if needed, and keeps it open until every `retain` is released.
   * After the last release it disconnects once `releaseDelay` has passed, unless retained again: a React
   * StrictMode or hot-reload remount keeps one connection. Framework adapters call this; apps rarely need to.
   *
   * @example
   * useEffect(() => client.retain(), [client])
   * @returns the release function (calling it twice releases once)
   */
  retain(): Unsubscribe {
    this.#retained += 1
    clearTimeout(this.#releaseTimer)
    this.#releaseTimer = undefined
    if (!this.raw.active) this.connect()
    let released = false
    return () => {
      if (released) return
      released = true
      this.#retained -= 1
      if (this.#retained > 0) return
      this.#releaseTimer = setTimeout(() => {
        this.#releaseTimer = undefined
        if (this.#retained === 0) this.disconnect()
      }, this.#releaseDelay)
    }
  }
}
