import type { IncomingMessage } from 'node:http'

declare global {
  // The namespace that @types/express declares and express-session's types augment with `session`.
  // eslint-disable-next-line @typescript-eslint/no-namespace -- merging into a global namespace needs one
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges with Express's own `Request`
    interface Request {}
  }
}

/** A Volley socket (`{ raw }`) or a socket.io socket (`{ request }`): anything with the handshake request. */
export type SocketWithRequest =
  { readonly raw: { readonly request: IncomingMessage } } | { readonly request: IncomingMessage }

/**
 * What every `express-session` session has, for programs that do not load express-session's types: its
 * methods, and any other field as `unknown`.
 */
export interface BasicSession {
  /** The session id. */
  readonly id: string
  /** Reloads the session from the store, to see changes made after the handshake. */
  reload(callback: (error: unknown) => void): this
  /** Saves the session to the store. */
  save(callback?: (error: unknown) => void): this
  /** Any field your routes stored. */
  [key: string]: unknown
}

/**
 * The `express-session` session as Express routes see it (`req.session`): typed by your `SessionData`
 * augmentation when express-session's types are loaded, otherwise a `BasicSession`. @volley/express never
 * imports express-session's types itself, so it compiles without them.
 */
export type SocketSession = Express.Request extends { session: infer TSession } ? TSession : BasicSession

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
