import type { DisconnectReason, Socket as RawSocket } from 'socket.io'
import type {
  ClientEventName,
  ContractDefinition,
  EmptyContract,
  InferAuth,
  InferServerAck,
  InferServerPayloadInput,
  PayloadArgs,
  ServerEventName,
  ServerRequestName,
  Unsubscribe,
} from '../types'
import { VolleyError } from '../VolleyError'
import { payloadArgs } from '../incoming'
import { OutgoingRequests } from '../outgoing'
import { HandlerRegistry, type AnyHandler, type ListenerTarget } from '../handlerRegistry'
import { handleUnknown, incomingHandler, withinRateLimit } from './handleIncoming'
import { LISTENED_PROTOCOL_EVENTS, listenToProtocol, type ServerProtocol } from './protocol'
import { RateLimiter } from './rateLimiter'
import { report } from './report'
import type { ServerConfig, ServerEventHandler, ServerRequestOptions } from './types'
import { VolleyBroadcastOperator, type RawOperator } from './VolleyBroadcastOperator'

/**
 * One connected client, typed from the contract: handlers receive validated payloads and return acks,
 * emits and requests are typed. `raw` is socket.io's `Socket`.
 *
 * @example
 * io.on('connection', (socket) => {
 *   socket.on('message:send', async ({ room, text }) => ({ id: await save(room, text), at: Date.now() }))
 * })
 */
export class VolleySocket<
  TContract extends ContractDefinition = EmptyContract,
  TData = Record<string, unknown>,
> {
  /** socket.io's `Socket`, for everything Volley does not wrap. */
  readonly raw: RawSocket
  /** The handshake `auth`, validated against the contract's `auth` schema (`undefined` when it declares none). */
  auth: InferAuth<TContract>
  readonly #contract: TContract
  readonly #config: ServerConfig
  readonly #handlers: HandlerRegistry
  readonly #outgoing: OutgoingRequests

  /** @internal Created by the server for each connection; use `io.on('connection', …)`. */
  constructor(raw: RawSocket, contract: TContract, config: ServerConfig, protocol: ServerProtocol) {
    this.raw = raw
    this.#contract = contract
    this.#config = config
    this.auth = undefined as InferAuth<TContract>
    const limiter = config.rateLimit === undefined ? undefined : new RateLimiter(config.rateLimit)
    this.#handlers = new HandlerRegistry(raw as unknown as ListenerTarget, (event, handlers) =>
      incomingHandler({
        socket: this,
        config,
        event,
        definition: contract.clientToServer[event]!,
        handlers,
        limiter,
      }),
    )
    const unknown = (event: string, args: unknown[]): void => {
      if (!withinRateLimit(this, config, limiter, event, args)) return
      const known = Object.prototype.hasOwnProperty.call(contract.clientToServer, event)
      handleUnknown(this, config, event, args, known)
    }
    raw.onAny((event: string, ...args: unknown[]) => {
      if (this.#handlers.has(event) || LISTENED_PROTOCOL_EVENTS.has(event)) return
      unknown(event, args)
    })
    listenToProtocol(
      this as unknown as VolleySocket<ContractDefinition, unknown>,
      raw,
      protocol,
      (event, args) => withinRateLimit(this, config, limiter, event, args),
      (event, args) =>
        this.#handlers.has(event) ? this.#handlers.dispatch(event, args) : unknown(event, args),
    )
    this.#outgoing = new OutgoingRequests(raw, {
      peer: 'client',
      validate: true,
      maxDepth: config.maxPayloadDepth,
      report: (error, event, payload) =>
        report(config, error, { event, socket: this, payload, phase: 'request' }),
    })
    raw.on('disconnect', (reason) => {
      if (this.#outgoing.pending.size === 0) return
      this.#outgoing.fail(
        new VolleyError('DISCONNECTED', `The connection was lost before the client answered (${reason}).`),
        'all',
      )
    })
  }

  /** The socket id (socket.io's `socket.id`). */
  get id(): string {
    return this.raw.id
  }

  /** Per-socket data you attach (a user, a session), typed by `createServer`'s `socketData` option. */
  get data(): TData {
    return this.raw.data as TData
  }

  set data(data: TData) {
    this.raw.data = data
  }

  /** The handshake (headers, query, `auth` before validation, address). */
  get handshake(): RawSocket['handshake'] {
    return this.raw.handshake
  }

  /** The rooms this socket is in, its own id among them. */
  get rooms(): ReadonlySet<string> {
    return this.raw.rooms
  }

  /** Whether the socket is connected. */
  get connected(): boolean {
    return this.raw.connected
  }

  /**
   * Handles a client-to-server event. The payload is validated before the handler runs; the handler's
   * return value (or resolved promise) is the ack. Throw a `VolleyError` to answer with its code and
   * message; any other exception is logged and answered as `HANDLER_ERROR`.
   *
   * @example
   * socket.on('message:send', async ({ room, text }) => {
   *   const message = await messages.add(room, text)
   *   io.to(room).emit('message:new', message)
   *   return { id: message.id, at: message.at }
   * })
   * @param event - a `clientToServer` event of the contract, or `'disconnect'` / `'disconnecting'`
   * @param handler - receives the validated payload, returns the ack
   * @returns a function that removes the handler
   */
  on(
    event: 'disconnect' | 'disconnecting',
    handler: (reason: DisconnectReason, description?: unknown) => void,
  ): Unsubscribe
  on<TEvent extends ClientEventName<TContract>>(
    event: TEvent,
    handler: ServerEventHandler<TContract, TEvent>,
  ): Unsubscribe
  on(event: string, handler: (...args: never[]) => unknown): Unsubscribe {
    if (event === 'disconnect' || event === 'disconnecting') {
      const listener = handler as (...args: unknown[]) => void
      this.raw.on(event, listener)
      return () => void this.raw.off(event, listener)
    }
    if (!Object.prototype.hasOwnProperty.call(this.#contract.clientToServer, event)) {
      throw new TypeError(
        `[volley] socket.on("${event}"): "${event}" is not a clientToServer event of this contract.`,
      )
    }
    return this.#handlers.add(event, handler as AnyHandler)
  }

  /**
   * Sends a server-to-client event to this client.
   *
   * @example
   * socket.emit('message:new', { id, room, text, at })
   * @param event - a `serverToClient` event of the contract
   * @param args - its payload, the one argument after `event` (optional when the schema accepts `undefined`)
   * @returns `true`
   */
  emit<TEvent extends ServerEventName<TContract>>(
    event: TEvent,
    ...args: PayloadArgs<InferServerPayloadInput<TContract, TEvent>>
  ): boolean {
    return this.raw.emit(event, ...payloadArgs(args[0]))
  }

  /**
   * Asks this client a question: emits a `serverToClient` event that declares `ack` and resolves to the
   * client's validated answer.
   *
   * @example
   * const { accepted } = await socket.request('invite', { room }, { timeout: 5_000 })
   * @param event - a `serverToClient` event with an `ack`
   * @param payload - its payload
   * @param options - `timeout` in ms (defaults to the server's `requestTimeout`, `10_000`) and `signal`
   * @returns the answer; rejects with `VolleyError` (`TIMEOUT`, `DISCONNECTED`, `VALIDATION_FAILED`, or the
   *   client handler's error), or with the signal's reason when it aborts
   */
  request<TEvent extends ServerRequestName<TContract>>(
    event: TEvent,
    payload: InferServerPayloadInput<TContract, TEvent>,
    options: ServerRequestOptions = {},
  ): Promise<InferServerAck<TContract, TEvent>> {
    const definition = Object.prototype.hasOwnProperty.call(this.#contract.serverToClient, event)
      ? this.#contract.serverToClient[event]
      : undefined
    const ackSchema = definition?.ack
    if (ackSchema === undefined) {
      return Promise.reject(
        new TypeError(
          `[volley] socket.request("${event}") needs a serverToClient event that declares \`ack\`; use socket.emit for fire-and-forget events.`,
        ),
      )
    }
    if (!this.raw.connected) {
      return Promise.reject(
        new VolleyError('DISCONNECTED', `Cannot request "${event}": the client is disconnected.`),
      )
    }
    return this.#outgoing.send(event, payload, ackSchema, {
      timeout: options.timeout ?? this.#config.requestTimeout,
      signal: options.signal,
    }) as Promise<InferServerAck<TContract, TEvent>>
  }

  /**
   * Joins a room.
   *
   * @example
   * await socket.join(`room:${room}`)
   * @param room - a room name or several
   * @returns a promise with some adapters, `void` with the default one
   */
  join(room: string | string[]): Promise<void> | void {
    return this.raw.join(room)
  }

  /**
   * Leaves a room.
   *
   * @example
   * await socket.leave(`room:${room}`)
   * @param room - a room name
   * @returns a promise with some adapters, `void` with the default one
   */
  leave(room: string): Promise<void> | void {
    return this.raw.leave(room)
  }

  /**
   * Broadcasts to a room, to everyone in it but this socket.
   *
   * @example
   * socket.to(room).emit('typing', { room, user: socket.data.name })
   * @param room - a room name or several
   * @returns a new broadcast operator
   */
  to(room: string | readonly string[]): VolleyBroadcastOperator<TContract> {
    return new VolleyBroadcastOperator(
      this.raw.to(room as string | string[]) as unknown as RawOperator,
      this.#config.recovery !== undefined,
    )
  }

  /**
   * Same as `to`: broadcasts to a room, to everyone in it but this socket.
   *
   * @example
   * socket.in(room).emit('typing', { room, user: socket.data.name })
   * @param room - a room name or several
   * @returns a new broadcast operator
   */
  in(room: string | readonly string[]): VolleyBroadcastOperator<TContract> {
    return this.to(room)
  }

  /**
   * Broadcasts to everyone in the namespace but this socket and the given room(s).
   *
   * @example
   * socket.except('muted').emit('user:joined', { name })
   * @param room - a room name or several
   * @returns a new broadcast operator
   */
  except(room: string | readonly string[]): VolleyBroadcastOperator<TContract> {
    return new VolleyBroadcastOperator(
      this.raw.except(room as string | string[]) as unknown as RawOperator,
      this.#config.recovery !== undefined,
    )
  }

  /**
   * Broadcasts to everyone in the namespace but this socket.
   *
   * @example
   * socket.broadcast.emit('user:joined', { name })
   */
  get broadcast(): VolleyBroadcastOperator<TContract> {
    return new VolleyBroadcastOperator(
      this.raw.broadcast as unknown as RawOperator,
      this.#config.recovery !== undefined,
    )
  }

  /**
   * Disconnects this socket.
   *
   * @example
   * socket.disconnect()
   * @param close - also close the underlying connection. Defaults to `false`.
   */
  disconnect(close = false): void {
    this.raw.disconnect(close)
  }
}
