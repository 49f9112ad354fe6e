import { VolleyError } from '@volley/core'
import { getSession, type SocketSession, type SocketWithRequest } from './getSession'

/** Options for `requireSession`. */
export interface RequireSessionOptions {
  /**
   * Whether this session may connect. Defaults to "the session has a `user`" (`session.user != null`).
   */
  check?: (session: SocketSession) => boolean
  /** The message the client gets with `UNAUTHORIZED` on `connect_error`. Defaults to `'Sign in first.'`. */
  message?: string
}

/**
 * An `io.use` middleware that refuses sockets without a valid `express-session` session with
 * `VolleyError('UNAUTHORIZED')`: the client sees `err.data.code === 'UNAUTHORIZED'` on `connect_error`.
 * Share the session middleware first with `shareMiddleware`.
 *
 * @example
 * shareMiddleware(io, sessionMiddleware)
 * io.use(requireSession({ check: (session) => session.user !== undefined }))
 * @param options - `check` and `message`
 * @returns a middleware for `io.use`
 */
export function requireSession(
  options: RequireSessionOptions = {},
): (socket: SocketWithRequest, next: (error?: Error) => void) => void {
  const check = options.check ?? ((session) => 'user' in session && session.user != null)
  const message = options.message ?? 'Sign in first.'
  return (socket, next) => {
    const session = getSession(socket)
    if (session !== undefined && check(session)) return next()
    next(new VolleyError('UNAUTHORIZED', message))
  }
}
