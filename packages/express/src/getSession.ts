import type { IncomingMessage } from 'node:http'
import type { Session, SessionData } from 'express-session'

/** A Volley socket (`{ raw }`) or a socket.io socket (`{ request }`): anything with the handshake request. */
export type SocketWithRequest =
  { readonly raw: { readonly request: IncomingMessage } } | { readonly request: IncomingMessage }

/** The `express-session` session as Express routes see it: typed by your `SessionData` augmentation. */
export type SocketSession = Session & Partial<SessionData>

/**
 * The handshake request of a socket, with whatever shared middleware put on it (`session`, `user`).
 *
 * @example
 * const user = getRequest<{ user?: { id: string } }>(socket).user // passport
 * @param socket - a Volley socket or a socket.io socket
 * @returns the Node request of the handshake
 */
export function getRequest<TExtra extends object = object>(
  socket: SocketWithRequest,
): IncomingMessage & Partial<TExtra> {
  const request = 'raw' in socket ? socket.raw.request : socket.request
  return request as IncomingMessage & Partial<TExtra>
}

/**
 * The `express-session` session of a socket (shared with `shareMiddleware`), typed by your
 * `declare module 'express-session' { interface SessionData { … } }`. Read once at the handshake: call
 * `session.reload()` to see later changes.
 *
 * @example
 * io.on('connection', (socket) => {
 *   const user = getSession(socket)?.user
 * })
 * @param socket - a Volley socket or a socket.io socket
 * @returns the session, or `undefined` when no session middleware ran
 */
export function getSession(socket: SocketWithRequest): SocketSession | undefined {
  return getRequest<{ session: SocketSession }>(socket).session
}
