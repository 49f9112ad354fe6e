import type { Namespace as RawNamespace, Socket as RawSocket } from 'socket.io'
import type { ContractDefinition, EmptyContract, InferAuth, Unsubscribe } from '../types'
import { boundIssues, MAX_MESSAGE_LENGTH, truncate } from '../bounded'
import { stacklessError } from '../stacklessError'
import { validate } from '../validate'
import { VolleyError } from '../VolleyError'
import { SocketScope } from './eventRoutes'
import type { EventLimitOptions } from './limits'
import { refusedBeforeAdmit, refuseConnect, toConnectError } from './refuseConnect'
import { report } from './report'
import type { ServerConfig, ServerErrorContext } from './types'
import { VolleyBroadcastOperator, type RawOperator } from './VolleyBroadcastOperator'
import { VolleySocket } from './VolleySocket'

/** A socket middleware: call `next()` to accept, `next(error)` to refuse (a `VolleyError` keeps its code). */
export type VolleyMiddleware<TContract extends ContractDefinition, TData> = (
  socket: VolleySocket<TContract, TData>,
  next: (error?: Error) => void,
) => void

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
  readonly #sockets = new WeakMap<RawSocket, VolleySocket<TContract, TData>>()

  /** @internal Use `createServer` and `io.of`. */
  constructor(
    namespace: RawNamespace,
    contract: TContract,
    config: ServerConfig,
    raw?: TRaw,
    eventLimits: ReadonlyMap<string, EventLimitOptions> = new Map(),
  ) {
    super(namespace as unknown as RawOperator)
    this.raw = raw ?? (namespace as TRaw)
    this.#namespace = namespace
    this.contract = contract
    this.#config = config
    this.#scope = new SocketScope(contract, config, eventLimits)
    namespace.use((raw, next) => this.#admit(raw, next))
  }

  /** The namespace name, e.g. `/` or `/admin`. */
  get name(): string {
    return this.#namespace.name
  }

  /** The typed socket for a socket.io socket (one wrapper per socket). @internal */
  wrap(raw: RawSocket): VolleySocket<TContract, TData> {
    let socket = this.#sockets.get(raw)
    if (socket === undefined) {
      socket = new VolleySocket<TContract, TData>(raw, this.#scope)
      this.#sockets.set(raw, socket)
    }
    return socket
  }

  #admit(raw: RawSocket, next: (error?: Error) => void): void {
    try {
      if (refusedBeforeAdmit(this.#config, raw, next)) return
      if (this.#config.socketData) raw.data = this.#config.socketData(raw)
      const socket = this.wrap(raw)
      const authSchema = this.contract.auth
      if (authSchema === undefined) return next()
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
        report(this.#config, error, { socket, payload: raw.handshake.auth, phase: 'handshake' })
        refuseConnect(this.#config, raw, error, next)
      }
      const result = validate(authSchema, raw.handshake.auth)
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
