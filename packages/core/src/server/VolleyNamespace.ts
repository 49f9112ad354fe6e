import type { Namespace as RawNamespace, Socket as RawSocket } from 'socket.io'
import type { ContractDefinition, EmptyContract, InferAuth, Unsubscribe } from '../types'
import { boundIssues, MAX_MESSAGE_LENGTH, truncate } from '../bounded'
import { stacklessError } from '../stacklessError'
import { validate } from '../validate'
import { VolleyError } from '../VolleyError'
import { SocketScope } from './eventRoutes'
import type { EventLimitOptions } from './limits'
import { report } from './report'
import { connectionId } from './shield'
import type { ServerConfig, ServerErrorContext } from './types'
import { VolleyBroadcastOperator, type RawOperator } from './VolleyBroadcastOperator'
import { VolleySocket } from './VolleySocket'

/** A socket middleware: call `next()` to accept, `next(error)` to refuse (a `VolleyError` keeps its code). */
export type VolleyMiddleware<TContract extends ContractDefinition, TData> = (
  socket: VolleySocket<TContract, TData>,
  next: (error?: Error) => void,
) => void

/** Turns an error into what socket.io sends on `connect_error`: the message plus `data: { code, message, issues? }`. */
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

function toConnectError(error: Error): Error {
  const volley = VolleyError.is(error)
    ? error
    : new VolleyError('UNAUTHORIZED', error.message, { cause: error })
  const wire = new Error(volley.message) as Error & { data?: unknown }
  wire.data = volley.toJSON()
  return wire
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

  /**
   * Refuses a CONNECT: counts it on the connection, which is closed once it has been refused more than
   * `limits.escalation.refusals` times within the window (the last refusal says so).
   */
  #refuseConnect(raw: RawSocket, error: Error, next: (error?: Error) => void): void {
    const verdict = this.#config.shield.connectRefused(raw)
    if (verdict === 'refuse') return next(error)
    if (verdict === 'closing') {
      raw.conn.close()
      return next(error)
    }
    const { shield } = this.#config
    const { refusals, window } = shield.escalation!
    const closing = stacklessError(
      'RATE_LIMITED',
      `Too many refused connection attempts (more than ${refusals} within ${window} ms); closing the connection.`,
    )
    const repeats = shield.log.repeats(raw.conn)
    shield.log.write(
      'warn',
      `[volley] connection ${connectionId(raw)} closed: more than ${refusals} refused CONNECT attempts within ${window} ms${repeats === '' ? '' : `; ${repeats}`}.`,
    )
    shield.log.end(raw.conn, false)
    next(toConnectError(closing))
    // The CONNECT_ERROR is written on the next tick; close once it is out.
    setTimeout(() => raw.conn.close(), 0)
  }

  #admit(raw: RawSocket, next: (error?: Error) => void): void {
    try {
      if (this.#config.shield.closing(raw)) {
        raw.conn.close()
        return next(new Error('closing'))
      }
      const coolDown = this.#config.shield.coolingDown(raw)
      if (coolDown > 0) {
        const error = stacklessError(
          'RATE_LIMITED',
          `Disconnected recently for too many refused messages; retry in ${Math.ceil(coolDown / 1000)} s.`,
        )
        return this.#refuseConnect(raw, toConnectError(error), next)
      }
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
        this.#refuseConnect(raw, toConnectError(error), next)
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
          error === undefined ? next() : this.#refuseConnect(raw, toConnectError(error), next),
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
