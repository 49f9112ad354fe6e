import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EngineMiddleware } from '@volley/core/server'

/** Any Connect/Express middleware, `(req, res, next)`: `express-session`, `passport.session()`, `helmet()`, your own. */
export type ExpressMiddleware = (req: never, res: never, next: never) => unknown

/** Options for `shareMiddleware`. */
export interface ShareMiddlewareOptions {
  /**
   * Run the middleware only on the handshake request (the first HTTP request of a connection), not on
   * every polling request and WebSocket upgrade after it: right for `passport.session()`, whose user
   * is read once. Defaults to `false` (every request, as `express-session` expects).
   */
  handshakeOnly?: boolean
}

/** engine.io marks follow-up requests of an existing connection with a `sid` query parameter. */
function isHandshake(req: IncomingMessage): boolean {
  const query = (req as IncomingMessage & { _query?: Record<string, string | undefined> })._query
  return query?.sid === undefined
}

/**
 * Runs Express middleware on the Socket.IO handshake (`io.engineUse`, over socket.io's `engine.use`), so what it sets on the
 * request (`req.session`, `req.user`) is on every socket as `socket.raw.request`; read it with `getSession`.
 * Call it before or after `io.attach`/`io.listen` (before, it is queued until the engine exists).
 *
 * @example
 * const sessionMiddleware = session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false })
 * app.use(sessionMiddleware)
 * shareMiddleware(io, sessionMiddleware)
 * shareMiddleware(io, passport.session(), { handshakeOnly: true })
 * @param io - the Volley server (from `createServer`)
 * @param middleware - an Express middleware, `(req, res, next)`
 * @param options - `handshakeOnly`
 * @returns the same server, for chaining
 */
export function shareMiddleware<TServer extends { engineUse(middleware: EngineMiddleware): unknown }>(
  io: TServer,
  middleware: ExpressMiddleware,
  options: ShareMiddlewareOptions = {},
): TServer {
  type Run = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void
  const run = middleware as unknown as Run
  io.engineUse(
    options.handshakeOnly
      ? (((req, res, next) => (isHandshake(req) ? run(req, res, next) : next())) satisfies Run)
      : run,
  )
  return io
}
