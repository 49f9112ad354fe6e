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
import type { AnyHandler } from '../handlerRegistry'
import type { SocketScope } from './eventRoutes'
import { dispatchEvent } from './handleIncoming'
import { report } from './report'
import { SocketState } from './socketState'
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
  readonly #state: SocketState
  #outgoingRequests: OutgoingRequests | undefined

  /** @internal Created by the server for each connection; use `io.on('connection', …)`. */
  constructor(raw: RawSocket, scope: SocketScope) {
    this.raw = raw
    this.auth = undefined as InferAuth<TContract>
    // Everything per event lives in the namespace's scope; a socket keeps its handlers, and one listener
    // for all its incoming events (Volley's protocol events included).
    const state = new SocketState(this, scope)
    this.#state = state
    scope.config.shield.sockets.set(raw, state)
    raw.onAny((event: unknown, ...args: unknown[]) => dispatchEvent(state, event, args))
  }

  get #contract(): TContract {
    return this.#state.scope.contract as TContract
  }

  get #config(): ServerConfig {
    return this.#state.scope.config
  }

  /**
   * The requests this socket sent and waits for, created with the first one (with the listener that
   * fails them when the client disconnects), so an idle socket pays for neither.
   */
  get #outgoing(): OutgoingRequests {
    if (this.#outgoingRequests === undefined) {
      const config = this.#config
      const outgoing = new OutgoingRequests(this.raw, {
        peer: 'client',
        validate: true,
        maxDepth: config.maxPayloadDepth,
        report: (error, event, payload) =>
          report(config, error, { event, socket: this, payload, phase: 'request' }),
      })
      this.#outgoingRequests = outgoing
      this.raw.on('disconnect', (reason) => {
        if (outgoing.pending.size === 0) return
        outgoing.fail(
          new VolleyError('DISCONNECTED', `The connection was lost before the client answered (${reason}).`),
          'all',
        )
      })
    }
    return this.#outgoingRequests
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
    const route = this.#state.scope.route(event)
    if (route === undefined) {
      throw new TypeError(
        `[volley] socket.on("${event}"): "${event}" is not a clientToServer event of this contract.`,
      )
    }
    return this.#state.add(route.index, handler as AnyHandler)
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
