import type { IncomingMessage } from 'node:http'
import { VolleyError, type ContractDefinition, type VolleyLogger } from '@volley/core'
import type { VolleyServer } from '@volley/core/server'
import type { SessionCookie } from '../sessionCookie'

/** Reads the session of a handshake request: a `SessionCookie`, or your own function (iron-session, Auth.js…). */
export type SessionReader<TSession> =
  | Pick<SessionCookie<TSession>, 'read'>
  | ((request: IncomingMessage) => TSession | undefined | Promise<TSession | undefined>)

/** Options for `withSession`. */
export interface WithSessionOptions {
  /** The message a refused client gets with `UNAUTHORIZED` on `connect_error`. Defaults to `'Sign in first.'`. */
  message?: string
  /** Where a reader that throws is logged (the socket is refused); `false` for silence. Defaults to `console`. */
  logger?: VolleyLogger | false
}

/**
 * Puts the Next app's session on every socket as `socket.data.session`, typed, and refuses sockets without
 * one with `UNAUTHORIZED` (the client sees `err.data.code === 'UNAUTHORIZED'` on `connect_error`). The
 * browser sends the session cookie with the handshake by itself (same origin).
 *
 * @example
 * const io = withSession(createServer(dashboard), session)
 * io.on('connection', (socket) => void socket.join(`user:${socket.data.session.id}`))
 * @param io - the Volley server (from `createServer`)
 * @param reader - a `SessionCookie` from `createSessionCookie`, or `(request) => session | undefined`
 * @param options - `message`, `logger`
 * @returns the same server, typed with `socket.data.session`
 */
export function withSession<TContract extends ContractDefinition, TData, TSession>(
  io: VolleyServer<TContract, TData>,
  reader: SessionReader<TSession>,
  options: WithSessionOptions = {},
): VolleyServer<TContract, TData & { session: TSession }> {
  const read = typeof reader === 'function' ? reader : (request: IncomingMessage) => reader.read(request)
  const message = options.message ?? 'Sign in first.'
  const logger = options.logger === false ? undefined : (options.logger ?? console)
  io.use((socket, next) => {
    Promise.resolve()
      .then(() => read(socket.raw.request))
      .then(
        (session) => {
          if (session === undefined || session === null) return next(new VolleyError('UNAUTHORIZED', message))
          socket.data = { ...socket.data, session }
          next()
        },
        (error: unknown) => {
          logger?.error('[volley] withSession: reading the session failed:', error)
          next(new VolleyError('UNAUTHORIZED', message, { cause: error }))
        },
      )
  })
  return io as unknown as VolleyServer<TContract, TData & { session: TSession }>
}
