import type { Socket } from 'socket.io-client'
import { DEFAULT_MAX_PAYLOAD_DEPTH } from '../depth'
import { invalidData, payloadArgs } from '../incoming'
import { resolveLogger } from '../logger'
import type {
  ClientEventName,
  ClientRequestName,
  ContractDefinition,
  InferClientAck,
  InferClientPayloadInput,
  PayloadArgs,
  ServerEventName,
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
import type {
  ClientEventHandler,
  ClientRequestOptions,
  ConnectionSnapshot,
  CreateClientOptions,
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
  readonly #outgoing: OutgoingRequests
  readonly #handlers: HandlerRegistry
  readonly #observers = new Map<string, EventObserver<unknown>>()
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
      logger: resolveLogger(options.logger),
      onError: options.onError,
    }
    this.#requestTimeout = options.requestTimeout ?? 10_000
    this.#releaseDelay = options.releaseDelay ?? 100
    this.#store = new ConnectionStore(raw)
    this.#outgoing = createOutgoing(raw, this.#incoming)
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
   * Subscribes to connection changes (the store contract `useSyncExternalStore` expects).
   *
   * @example
   * const unsubscribe = client.subscribe(() => render(client.getSnapshot().status))
   * @param listener - called after each change
   * @returns a function that unsubscribes
   */
  subscribe = (listener: () => void): Unsubscribe => this.#store.subscribe(listener)

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
   *
   * @example
   * client.emit('typing', { room: 'lobby' })
   * @param event - a `clientToServer` event
   * @param payload - its payload (optional when the schema accepts `undefined`)
   * @throws VolleyError `VALIDATION_FAILED` when the payload fails its schema (asynchronous schemas report through `onError`)
   */
  emit<TEvent extends ClientEventName<TContract>>(
    event: TEvent,
    ...args: PayloadArgs<InferClientPayloadInput<TContract, TEvent>>
  ): void {
    const payload = args[0]
    const send = (result: ValidateResult<unknown>): void => {
      if (!result.ok) throw invalidData(event, 'payload', result)
      this.raw.emit(event, ...payloadArgs(payload))
    }
    const result = this.#validateOutgoing(event, payload)
    if (result instanceof Promise) {
      result.then(send).catch((error: unknown) => reportClient(this.#incoming, event, error as VolleyError))
    } else {
      send(result)
    }
  }

  /**
   * Sends a request and resolves to the server's validated ack.
   *
   * @example
   * const { id, at } = await client.request('message:send', { room: 'lobby', text: 'hi' }, { timeout: 5_000 })
   * @param event - a `clientToServer` event that declares `ack`
   * @param payload - its payload, validated before it is sent
   * @param options - `timeout` (defaults to the client's `requestTimeout`, `10_000`) and `signal`
   * @returns the ack; rejects with `VolleyError`: `VALIDATION_FAILED` (with `issues`), `TIMEOUT`,
   *   `DISCONNECTED`, `UNAUTHORIZED`, `HANDLER_ERROR`, `UNKNOWN_EVENT`, or the code the handler threw
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
      if (!this.raw.active) {
        return Promise.reject(
          new VolleyError(
            'DISCONNECTED',
            `Cannot request "${event}": the client is disconnected. Call client.connect() first.`,
          ),
        )
      }
      return this.#outgoing.send(event, payload, ackSchema, {
        timeout: options.timeout ?? this.#requestTimeout,
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
    if (!this.raw.active) {
      this.#store.set({ status: 'connecting', lastError: undefined })
      this.raw.connect()
    }
    return this
  }

  /**
   * Closes the connection; it stays closed until `connect()`. Requests in flight reject with `DISCONNECTED`.
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
