import type { ContractDefinition } from '@volley/core'
import type { VolleyServer } from '@volley/core/server'

const KEY = 'volley'

/** The part of an Express response `volley` and `getVolley` use. */
export interface ResponseWithLocals {
  locals: Record<string, unknown>
}

/** The middleware `volley(io)` returns: an Express middleware, plus `from(res)` to read the server back, typed. */
export interface VolleyMiddleware<TServer> {
  (req: unknown, res: ResponseWithLocals, next: () => void): void
  /**
   * The Volley server on this response, typed by the `io` given to `volley(io)`: no generics to write.
   *
   * @example
   * withVolley.from(res).to(room).emit('notice', { text })
   * @param res - the Express response
   * @returns the server
   * @throws TypeError when this middleware did not run for the route
   */
  from(res: ResponseWithLocals): TServer
}

/**
 * An Express middleware that puts the Volley server on `res.locals.volley`, so routes can emit typed
 * events. Read it back with the middleware's own `from(res)` (typed from `io`), or with `getVolley`.
 *
 * @example
 * export const withVolley = volley(io)
 * app.use(withVolley)
 * app.post('/api/rooms/:room/notice', (req, res) => {
 *   withVolley.from(res).to(req.params.room).emit('notice', { text: req.body.text })
 *   res.sendStatus(204)
 * })
 * @param io - the Volley server
 * @returns an Express middleware with `from(res)`
 */
export function volley<TServer extends object>(io: TServer): VolleyMiddleware<TServer> {
  const middleware = (_req: unknown, res: ResponseWithLocals, next: () => void): void => {
    res.locals[KEY] = io
    next()
  }
  return Object.assign(middleware, { from: (res: ResponseWithLocals) => read(res) as TServer })
}

function read(res: ResponseWithLocals): unknown {
  const io = res.locals[KEY]
  if (io === undefined) {
    throw new TypeError('[volley] no Volley server on res.locals; add app.use(volley(io)) before this route.')
  }
  return io
}

/**
 * The Volley server that `volley(io)` put on this response, typed by the contract you name (for routes
 * that cannot reach the middleware; otherwise prefer `withVolley.from(res)`, which infers it).
 *
 * @example
 * getVolley<typeof chat>(res).emit('notice', { text: 'Deploy finished' })
 * @param res - the Express response
 * @returns the typed Volley server
 * @throws TypeError when `app.use(volley(io))` did not run for this route
 */
export function getVolley<TContract extends ContractDefinition, TData = Record<string, unknown>>(
  res: ResponseWithLocals,
): VolleyServer<TContract, TData> {
  return read(res) as VolleyServer<TContract, TData>
}
