import type { ContractDefinition } from '@volley/core'
import type { VolleyServer } from '@volley/core/server'

const KEY = 'volley'

/** The part of an Express response `volley` and `getVolley` use. */
export interface ResponseWithLocals {
  locals: Record<string, unknown>
}

/**
 * An Express middleware that puts the Volley server on `res.locals.volley`, so routes can emit typed
 * events; read it with `getVolley`.
 *
 * @example
 * app.use(volley(io))
 * app.post('/api/rooms/:room/notice', (req, res) => {
 *   getVolley<typeof chat>(res).to(req.params.room).emit('notice', { text: req.body.text })
 *   res.sendStatus(204)
 * })
 * @param io - the Volley server
 * @returns an Express middleware
 */
export function volley(io: object): (req: unknown, res: ResponseWithLocals, next: () => void) => void {
  return (_req, res, next) => {
    res.locals[KEY] = io
    next()
  }
}

/**
 * The Volley server that `volley(io)` put on this response, typed by your contract.
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
  const io = res.locals[KEY]
  if (io === undefined) {
    throw new TypeError(
      '[volley] getVolley(res): no Volley server on res.locals; add app.use(volley(io)) before this route.',
    )
  }
  return io as VolleyServer<TContract, TData>
}
