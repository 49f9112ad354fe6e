import type { Server as HttpServer } from 'node:http'
import type { Http2SecureServer, Http2Server } from 'node:http2'
import { Server, type ServerOptions } from 'socket.io'
import { assertContract } from '../defineContract'
import { DEFAULT_MAX_PAYLOAD_DEPTH } from '../depth'
import { resolveLogger } from '../logger'
import type { ContractDefinition } from '../types'
import { guardAttachments, type ParserModule } from './attachmentGuard'
import {
  checkEventLimits,
  resolveLimits,
  type EventLimitsOptions,
  type NamespaceLimitsOptions,
} from './limits'
import { OutgoingGuard, type SocketServer } from './outgoingGuard'
import { checkRateLimit } from './rateLimiter'
import { Shield } from './shield'
import type { CreateServerOptions, ServerConfig } from './types'
import { VolleyNamespace } from './VolleyNamespace'

/**
 * A middleware for the engine's HTTP requests, as Connect and Express write them: `(req, res, next)`.
 * Typed loosely so that Express middleware (typed for Express's `Request`) fits.
 */
export type EngineMiddleware = (req: never, res: never, next: never) => unknown

/**
 * A Volley server: the main namespace (`/`) of a socket.io `Server`, typed by a contract, plus
 * `listen`, `attach`, `of` and `close`. `raw` is the socket.io `Server`.
 *
 * @example
 * const io = createServer(chat, { cors: { origin: ['http://localhost:5173'] } })
 * io.on('connection', (socket) => socket.on('message:send', ({ room, text }) => ({ id: save(room, text), at: Date.now() })))
 * io.listen(3000)
 */
export class VolleyServer<
  TContract extends ContractDefinition,
  TData = Record<string, unknown>,
> extends VolleyNamespace<TContract, TData, Server> {
  readonly #config: ServerConfig
  readonly #outgoing: OutgoingGuard | undefined
  readonly #engineMiddleware: EngineMiddleware[] = []
  readonly #namespaces = new Map<string, VolleyNamespace<ContractDefinition, TData>>()

  /** @internal Use `createServer`. */
  constructor(
    raw: Server,
    contract: TContract,
    config: ServerConfig,
    eventLimits?: EventLimitsOptions<TContract>,
  ) {
    super(raw.of('/'), contract, config, raw, checkEventLimits(contract, eventLimits, 'createServer'))
    this.#config = config
    const { outgoing } = config.limits
    this.#outgoing =
      outgoing === undefined
        ? undefined
        : new OutgoingGuard(outgoing, (connection, bytes) =>
            config.shield.log.write(
              'warn',
              `[volley] connection ${connection.id} closed: ${bytes} bytes waited for a client that does not read them (limits.outgoing: ${outgoing.maxBytes} bytes for ${outgoing.grace} ms).`,
            ),
          )
  }

  /**
   * Starts an HTTP server on a port and attaches to it.
   *
   * @example
   * io.listen(3000)
   * @param port - a port; `0` picks a free one (read it from `io.raw.httpServer.address()`)
   * @param options - socket.io `ServerOptions` for this attachment. Defaults to those given to `createServer`.
   * @returns this server
   */
  listen(port: number, options?: Partial<ServerOptions>): this {
    this.raw.listen(port, options)
    this.#engineReady()
    return this
  }

  /**
   * Attaches to an existing HTTP server (Express, Next.js, Vite…), sharing its port.
   *
   * @example
   * const http = createHttpServer(app)
   * io.attach(http)
   * http.listen(3000)
   * @param server - a Node `http`/`https`/`http2` server
   * @param options - socket.io `ServerOptions` for this attachment. Defaults to those given to `createServer`.
   * @returns this server
   */
  attach(server: HttpServer | Http2Server | Http2SecureServer, options?: Partial<ServerOptions>): this {
    this.raw.attach(server, options)
    this.#engineReady()
    return this
  }

  /**
   * Adds a middleware to the HTTP requests of the underlying engine (handshake, polling, upgrade): the way
   * to run Express middleware such as `express-session` on sockets. Before `listen`/`attach` it is queued
   * and added when the engine exists.
   *
   * @example
   * io.engineUse(sessionMiddleware) // then socket.raw.request.session is set
   * @param middleware - a Connect/Express middleware, `(req, res, next)`
   * @returns this server
   */
  engineUse(middleware: EngineMiddleware): this {
    if (this.raw.engine === undefined) this.#engineMiddleware.push(middleware)
    else this.raw.engine.use(middleware)
    return this
  }

  /** Once the engine exists: adds the queued middleware and starts the outgoing guard. */
  #engineReady(): void {
    for (const middleware of this.#engineMiddleware.splice(0)) this.raw.engine.use(middleware)
    this.#outgoing?.start(this.raw as unknown as SocketServer)
  }

  /**
   * A namespace with its own contract; the same name always returns the same namespace.
   *
   * @example
   * const admin = io.of('/admin', adminContract)
   * const arena = io.of('/arena', arenaContract, { events: { input: { rate: { points: 90, duration: 1000 } } } })
   * @param name - the namespace, starting with `/`
   * @param contract - its contract
   * @param limits - per-event limits for this namespace's events (as `createServer`'s `limits.events`); the
   *   other limits are the server's. Defaults to `{}`.
   * @returns the typed namespace
   */
  of<TNamespaceContract extends ContractDefinition>(
    name: string,
    contract: TNamespaceContract,
    limits: NamespaceLimitsOptions<NoInfer<TNamespaceContract>> = {},
  ): VolleyNamespace<TNamespaceContract, TData> {
    assertContract(contract, `io.of("${name}", contract)`)
    const existing = this.#namespaces.get(name)
    if (existing !== undefined) {
      if (existing.contract !== contract) {
        throw new TypeError(
          `[volley] io.of("${name}") was already created with another contract; reuse the same contract object.`,
        )
      }
      return existing as unknown as VolleyNamespace<TNamespaceContract, TData>
    }
    if (name === '/') throw new TypeError('[volley] io.of("/") is the main namespace: use `io` itself.')
    const namespace = new VolleyNamespace<TNamespaceContract, TData>(
      this.raw.of(name),
      contract,
      this.#config,
      undefined,
      checkEventLimits(contract, limits.events, `io.of("${name}")`),
    )
    this.#namespaces.set(name, namespace as unknown as VolleyNamespace<ContractDefinition, TData>)
    return namespace
  }

  /**
   * Closes every connection and the HTTP server it listens on.
   *
   * @example
   * await io.close()
   * @returns a promise that resolves once closed
   */
  close(): Promise<void> {
    this.#outgoing?.stop()
    return new Promise((resolve, reject) => {
      this.raw.close((error) => (error ? reject(error) : resolve()))
    })
  }
}

/**
 * Creates a Socket.IO server typed by a contract: every incoming payload is validated before its handler
 * runs, handler return values are the acks, and emits are typed.
 *
 * @example
 * const io = createServer(chat, { cors: { origin: ['http://localhost:5173'] } })
 * io.on('connection', (socket) => {
 *   socket.on('message:send', async ({ room, text }) => {
 *     const message = { id: crypto.randomUUID(), room, text, at: Date.now() }
 *     io.to(room).emit('message:new', message)
 *     return { id: message.id, at: message.at }
 *   })
 * })
 * io.listen(3000)
 *
 * @param contract - from `defineContract`
 * @param options - Volley's options (`maxPayloadDepth`, `requestTimeout`, `rateLimit`, `limits`, `logger`, `onError`, `socketData`) and any socket.io `ServerOptions`
 * @returns the server; `io.raw` is the socket.io `Server`
 */
export function createServer<TContract extends ContractDefinition, TData = Record<string, unknown>>(
  contract: TContract,
  options: CreateServerOptions<TData, NoInfer<TContract>> = {},
): VolleyServer<TContract, TData> {
  assertContract(contract, 'createServer')
  const { maxPayloadDepth, requestTimeout, logger, onError, socketData, rateLimit, limits, ...ioOptions } =
    options
  if (maxPayloadDepth !== undefined && !(Number.isInteger(maxPayloadDepth) && maxPayloadDepth > 0)) {
    throw new TypeError(
      `[volley] createServer: maxPayloadDepth must be a positive integer, got ${String(maxPayloadDepth)}.`,
    )
  }
  const resolvedLogger = resolveLogger(logger)
  const resolvedLimits = resolveLimits(limits, ioOptions.maxHttpBufferSize ?? 1e6)
  const config: ServerConfig = {
    maxPayloadDepth: maxPayloadDepth ?? DEFAULT_MAX_PAYLOAD_DEPTH,
    requestTimeout: requestTimeout ?? 10_000,
    logger: resolvedLogger,
    onError,
    socketData,
    rateLimit: checkRateLimit(rateLimit),
    limits: resolvedLimits,
    shield: new Shield(resolvedLogger, resolvedLimits),
  }
  const io = new Server(ioOptions)
  const { attachments } = resolvedLimits
  if (attachments !== undefined && ioOptions.parser === undefined) {
    const guarded = guardAttachments(io._parser as unknown as ParserModule, attachments, (reason) =>
      config.shield.log.write('warn', `[volley] a binary packet was dropped: ${reason}.`),
    )
    ;(io as unknown as { _parser: unknown })._parser = guarded
  }
  return new VolleyServer(io, contract, config, limits?.events)
}
