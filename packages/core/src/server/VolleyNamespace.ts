import type { Namespace as RawNamespace, Socket as RawSocket } from 'socket.io'
import type {
  ContractDefinition,
  EmptyContract,
  InferAuth,
  PresenceName,
  InferSubscriptionItemInput,
  InferSubscriptionParams,
  SubscriptionName,
  Unsubscribe,
} from '../types'
import { boundIssues, MAX_MESSAGE_LENGTH, truncate } from '../bounded'
import { stacklessError } from '../stacklessError'
import { validate } from '../validate'
import { PROTOCOL_EVENTS } from '../reserved'
import { VolleyError } from '../VolleyError'
import { SocketScope } from './eventRoutes'
import { IdempotentRequests } from './idempotentRequests'
import type { EventLimitOptions } from './limits'
import type { ServerProtocol } from './protocol'
import { refusedBeforeAdmit, refuseConnect, toConnectError } from './refuseConnect'
import { report } from './report'
import type { PresenceOptions } from './presenceOptions'
import { ServerPresence } from './serverPresence'
import { ServerSubscriptions } from './serverSubscriptions'
import type { SubscriptionOptions } from './subscriptionOptions'
import type { ServerConfig, ServerErrorContext } from './types'
import { VolleyBroadcastOperator, type RawOperator } from './VolleyBroadcastOperator'
import { VolleyPresence } from './VolleyPresence'
import { VolleySocket } from './VolleySocket'

/** A socket middleware: call `next()` to accept, `next(error)` to refuse (a `VolleyError` keeps its code). */
export type VolleyMiddleware<TContract extends ContractDefinition, TData> = (
  socket: VolleySocket<TContract, TData>,
  next: (error?: Error) => void,
) => void

/**
 * The handshake `auth` to validate: without the `pid` and `offset` keys that socket.io-client adds to
 * resume a session when connection state recovery is on (they are socket.io's, not the app's).
 */
function handshakeAuth(raw: RawSocket, config: ServerConfig): unknown {
  const auth: unknown = raw.handshake.auth
  if (config.recovery === undefined || typeof auth !== 'object' || auth === null) return auth
  if (!('pid' in auth) && !('offset' in auth)) return auth
  const { pid: _pid, offset: _offset, ...rest } = auth as Record<string, unknown>
  return rest
}

/** What a client learns when a middleware or the auth check crashed: nothing internal. */
function crashed(config: ServerConfig, error: unknown, socket?: ServerErrorContext['socket']): Error {
  const failure = new VolleyError(
    'HANDLER_ERROR',
    'The connection could not be set up because of a server error.',
    {
      cause: error,
    },
  )
  report(config, failure, { socket, phase: 'handshake' })
  return toConnectError(failure)
}

/**
 * A namespace typed by its own contract: connection handling, middleware and typed broadcasts.
 * `io` itself is the main namespace (`/`); others come from `io.of(name, contract)`.
 *
 * @example
 * const admin = io.of('/admin', adminContract)
 * admin.on('connection', (socket) => socket.on('kick', ({ id }) => io.in(id).disconnectSockets()))
 */
export class VolleyNamespace<
  TContract extends ContractDefinition = EmptyContract,
  TData = Record<string, unknown>,
  TRaw = RawNamespace,
> extends VolleyBroadcastOperator<TContract> {
  /** socket.io's `Namespace` (socket.io's `Server` on `io` itself), for everything Volley does not wrap. */
  readonly raw: TRaw
  /** The contract this namespace speaks. */
  readonly contract: TContract
  readonly #namespace: RawNamespace
  readonly #config: ServerConfig
  readonly #scope: SocketScope
  readonly #protocol: ServerProtocol

  /** @internal Use `createServer` and `io.of`. */
  constructor(
    namespace: RawNamespace,
    contract: TContract,
    config: ServerConfig,
    raw?: TRaw,
    eventLimits: ReadonlyMap<string, EventLimitOptions> = new Map(),
  ) {
    super(namespace as unknown as RawOperator, config.recovery !== undefined)
    this.raw = raw ?? (namespace as TRaw)
    this.#namespace = namespace
    this.contract = contract
    this.#config = config
    this.#protocol = {
      subscriptions: new ServerSubscriptions(namespace, contract, config),
      idempotent: new IdempotentRequests(namespace.name, contract, config),
      presence: new ServerPresence(namespace, contract, config),
    }
    this.#scope = new SocketScope(contract, config, eventLimits, this.#protocol)
    namespace.use((raw, next) => this.#admit(raw, next))
    if (config.recovery) {
      // socket.io resumes a session from the offset of the last event the client received: give every new
      // session one, so that a client that has not received anything yet can recover too.
      namespace.on('connection', (raw: RawSocket) => {
        if (!raw.recovered) raw.emit(PROTOCOL_EVENTS.offset)
      })
    }
  }

  /** The namespace name, e.g. `/` or `/admin`. */
  get name(): string {
    return this.#namespace.name
  }

  /** The typed socket for a socket.io socket (one wrapper per socket). @internal */
  wrap(raw: RawSocket): VolleySocket<TContract, TData> {
    const known = this.#config.shield.sockets.get(raw)?.socket
    return (known as VolleySocket<TContract, TData> | undefined) ?? new VolleySocket(raw, this.#scope)
  }

  #admit(raw: RawSocket, next: (error?: Error) => void): void {
    try {
      if (refusedBeforeAdmit(this.#config, raw, next)) return
      // A recovered socket gets its `data` back from socket.io: it is not built again.
      if (this.#config.socketData && !raw.recovered) raw.data = this.#config.socketData(raw)
      const socket = this.wrap(raw)
      const authSchema = this.contract.auth
      if (authSchema === undefined) return next()
      const auth = handshakeAuth(raw, this.#config)
      const accept = (result: Awaited<ReturnType<typeof validate>>): void => {
        if (result.ok) {
          socket.auth = result.value as InferAuth<TContract>
          return next()
        }
        const first = result.issues[0]
        const error = stacklessError(
          'UNAUTHORIZED',
          `Invalid handshake auth: ${truncate(first?.message ?? 'invalid', MAX_MESSAGE_LENGTH)}`,
          { issues: boundIssues(result.issues) },
        )
        report(this.#config, error, { socket, payload: auth, phase: 'handshake' })
        refuseConnect(this.#config, raw, error, next)
      }
      const result = validate(authSchema, auth)
      if (result instanceof Promise)
        result.then(accept, (error: unknown) => next(crashed(this.#config, error, socket)))
      else accept(result)
    } catch (error) {
      next(crashed(this.#config, error))
    }
  }

  /**
   * Handles each new connection with its typed socket. A listener that throws is logged, never fatal.
   *
   * @example
   * io.on('connection', (socket) => {
   *   socket.on('typing', ({ room }) => socket.to(room).emit('typing', { room, user: socket.data.name }))
   * })
   * @param event - `'connection'`
   * @param listener - receives the `VolleySocket`
   * @returns a function that removes the listener
   */
  on(event: 'connection', listener: (socket: VolleySocket<TContract, TData>) => void): Unsubscribe {
    if (event !== 'connection') {
      throw new TypeError(
        `[volley] io.on("${String(event)}"): only "connection" is an io event; handle client events with socket.on inside it.`,
      )
    }
    const rawListener = (raw: RawSocket): void => {
      const socket = this.wrap(raw)
      try {
        const returned: unknown = listener(socket)
        if (returned instanceof Promise) {
          returned.catch((error: unknown) =>
            report(
              this.#config,
              new VolleyError('HANDLER_ERROR', 'The connection listener failed.', { cause: error }),
              {
                socket: socket,
                phase: 'handler',
              },
            ),
          )
        }
      } catch (error) {
        report(
          this.#config,
          new VolleyError('HANDLER_ERROR', 'The connection listener failed.', { cause: error }),
          {
            socket: socket,
            phase: 'handler',
          },
        )
      }
    }
    this.#namespace.on('connection', rawListener)
    return () => void this.#namespace.off('connection', rawListener)
  }

  /**
   * Adds a middleware that runs for each incoming connection, after the contract's `auth` check.
   * Refuse with `next(new VolleyError('UNAUTHORIZED', 'Sign in first'))`: the client gets the code on `connect_error`.
   *
   * @example
   * io.use((socket, next) => (socket.auth.token === secret ? next() : next(new VolleyError('UNAUTHORIZED', 'Bad token'))))
   * @param middleware - `(socket, next) => void`
   * @returns this namespace
   */
  use(middleware: VolleyMiddleware<TContract, TData>): this {
    this.#namespace.use((raw, next) => {
      // socket.io's `skipMiddlewares`, applied here so that it never skips Volley's auth check.
      if (raw.recovered && this.#config.recovery?.skipMiddlewares) return next()
      try {
        middleware(this.wrap(raw), (error?: Error) =>
          error === undefined ? next() : refuseConnect(this.#config, raw, error, next),
        )
      } catch (error) {
        next(crashed(this.#config, error))
      }
    })
    return this
  }

  /**
   * Serves a subscription of the contract: from now on clients may subscribe to it (until then they are
   * answered `UNKNOWN_EVENT`). `authorize` decides who may subscribe with which params, `retention` how much
   * history a resuming client can get, and `snapshot` (required when the contract declares a snapshot
   * schema) what a client gets on every (re)subscribe instead of a replay.
   *
   * @example
   * io.subscription('room:messages', {
   *   authorize: ({ socket, params }) => socket.data.rooms.includes(params.room),
   *   retention: { count: 100, age: 24 * 3_600_000 },
   * })
   * @param name - a subscription of the contract
   * @param args - `[options]`: `authorize`, `retention` and, for snapshot subscriptions, `snapshot` (then
   *   required)
   * @returns this namespace
   * @throws TypeError when the name is not a subscription of the contract, or `snapshot` does not match it
   */
  subscription<TName extends SubscriptionName<TContract>>(
    name: TName,
    ...args: Record<never, never> extends SubscriptionOptions<TContract, TName, TData>
      ? [options?: SubscriptionOptions<TContract, TName, TData>]
      : [options: SubscriptionOptions<TContract, TName, TData>]
  ): this {
    this.#protocol.subscriptions.register(
      name,
      (args[0] ?? {}) as Parameters<ServerSubscriptions['register']>[1],
    )
    return this
  }

  /**
   * Serves a kind of presence topic of the contract and returns its handle: from now on clients may join
   * its topics (`client.presence`, `usePresence`; until then they are answered `UNKNOWN_EVENT`), and the
   * handle tracks sockets from the server (`track`, `update`, `untrack`) and lists members (`list`).
   * `key` says which user a socket is (connections with the same key are one member), `authorize` who may
   * join which topic. Calling it again with options replaces them; without, it keeps them (a handle to
   * the same presence, e.g. in another module).
   *
   * @example
   * const rooms = io.presence('room', {
   *   key: (socket) => socket.data.user.id,
   *   authorize: ({ socket, params }) => socket.data.rooms.includes(params.room),
   * })
   * const members = await rooms.list({ room: 'lobby' })
   * @param name - a presence of the contract
   * @param options - `key` and `authorize`. Defaults to the options given before, else `{}`.
   * @returns the presence's handle
   * @throws TypeError when the name is not a presence of the contract
   */
  presence<TName extends PresenceName<TContract>>(
    name: TName,
    options?: PresenceOptions<TContract, TName, TData>,
  ): VolleyPresence<TContract, TName, TData> {
    this.#protocol.presence.register(name, options as Parameters<ServerPresence['register']>[1])
    return new VolleyPresence(this.#protocol.presence, name)
  }

  /** Stops following shared stores (the server closes). @internal */
  dispose(): void {
    this.#protocol.presence.dispose()
  }

  /**
   * Publishes an item to a subscription's stream (the subscription and its params): it gets the next
   * cursor, is kept for clients that reconnect (see `retention`), and goes to every current subscriber.
   * Not validated, like `emit`: validation happens where data enters. Items of one stream go out in the
   * order they were published.
   *
   * @example
   * const cursor = await io.publish('room:messages', { room }, { id, author, text, at: Date.now() })
   * @param name - a subscription of the contract
   * @param params - the stream's params, as subscribers' validated params look
   * @param item - the item
   * @returns the item's cursor, once it is stored and sent
   */
  publish<TName extends SubscriptionName<TContract>>(
    name: TName,
    params: InferSubscriptionParams<TContract, TName>,
    item: InferSubscriptionItemInput<TContract, TName>,
  ): Promise<string> {
    return this.#protocol.subscriptions.publish(name, params, item)
  }

  /**
   * The typed socket with this id, when it is connected to this server.
   *
   * @example
   * io.socket(socketId)?.emit('notice', { text: 'Your export is ready' })
   * @param id - a socket id
   * @returns the socket, or `undefined`
   */
  socket(id: string): VolleySocket<TContract, TData> | undefined {
    const raw = this.#namespace.sockets.get(id)
    return raw === undefined ? undefined : this.wrap(raw)
  }

  /** The typed sockets connected to this namespace on this server. */
  get sockets(): VolleySocket<TContract, TData>[] {
    return [...this.#namespace.sockets.values()].map((raw) => this.wrap(raw))
  }
}
