import type { DisconnectReason, Socket as RawSocket } from 'socket.io'
import { exceedsDepth } from '../depth'
import { readEnvelope } from '../envelope'
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
import { validate } from '../validate'
import { VolleyError } from '../VolleyError'
import { boundIssues } from '../bounded'
import { payloadArgs } from '../incoming'
import type { AnyHandler } from '../handlerRegistry'
import type { SocketScope } from './eventRoutes'
import { dispatchEvent } from './handleIncoming'
import { invalidMessage } from './refuse'
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
  #requests: Set<(error: VolleyError) => void> | undefined

  /** @internal Created by the server for each connection; use `io.on('connection', …)`. */
  constructor(raw: RawSocket, scope: SocketScope) {
    this.raw = raw
    this.auth = undefined as InferAuth<TContract>
    // Everything per event lives in the namespace's scope; a socket keeps its handlers, and one listener
    // for all its incoming events.
    const state = new SocketState(this, scope)
    this.#state = state
    raw.onAny((event: unknown, ...args: unknown[]) => dispatchEvent(state, event, args))
  }

  get #contract(): TContract {
    return this.#state.scope.contract as TContract
  }

  get #config(): ServerConfig {
    return this.#state.scope.config
  }

  /** Requests waiting for the client's answer, rejected when it disconnects (created with the first). */
  get #pending(): Set<(error: VolleyError) => void> {
    if (this.#requests === undefined) {
      const pending = new Set<(error: VolleyError) => void>()
      this.#requests = pending
      this.raw.on('disconnect', () => {
        if (pending.size === 0) return
        const error = new VolleyError('DISCONNECTED', 'The client disconnected before answering.')
        for (const reject of [...pending]) reject(error)
      })
    }
    return this.#requests
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
   * @param options - `timeout` in ms. Defaults to the server's `requestTimeout` (`10_000`).
   * @returns the answer; rejects with `VolleyError` (`TIMEOUT`, `DISCONNECTED`, `VALIDATION_FAILED`, or the client handler's error)
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
    const timeout = options.timeout ?? this.#config.requestTimeout
    return new Promise((resolve, reject) => {
      if (!this.raw.connected) {
        reject(new VolleyError('DISCONNECTED', `Cannot request "${event}": the client is disconnected.`))
        return
      }
      const settle = (error: VolleyError): void => {
        this.#pending.delete(settle)
        reject(error)
      }
      this.#pending.add(settle)
      this.raw
        .timeout(timeout)
        .emit(event, ...payloadArgs(payload), (timedOut: Error | null, envelope: unknown) => {
          if (!this.#pending.delete(settle)) return
          if (timedOut)
            return reject(
              new VolleyError('TIMEOUT', `The client did not answer "${event}" within ${timeout} ms.`),
            )
          const read = readEnvelope(envelope)
          if (!read.ok) return reject(read.error)
          const refuse = (error: VolleyError): void => {
            report(this.#config, error, { event, socket: this, payload: read.data, phase: 'request' })
            reject(error)
          }
          if (exceedsDepth(read.data, this.#config.maxPayloadDepth)) {
            return refuse(new VolleyError('VALIDATION_FAILED', `The answer to "${event}" nests too deep.`))
          }
          Promise.resolve(validate(ackSchema, read.data)).then((result) => {
            if (result.ok) resolve(result.value as InferServerAck<TContract, TEvent>)
            else {
              const message = invalidMessage(event, 'answer', result.issues)
              refuse(new VolleyError('VALIDATION_FAILED', message, { issues: boundIssues(result.issues) }))
            }
          }, refuse)
        })
    })
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
    return new VolleyBroadcastOperator(this.raw.to(room as string | string[]) as unknown as RawOperator)
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
    return new VolleyBroadcastOperator(this.raw.except(room as string | string[]) as unknown as RawOperator)
  }

  /**
   * Broadcasts to everyone in the namespace but this socket.
   *
   * @example
   * socket.broadcast.emit('user:joined', { name })
   */
  get broadcast(): VolleyBroadcastOperator<TContract> {
    return new VolleyBroadcastOperator(this.raw.broadcast as unknown as RawOperator)
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
