import express from 'express'
import session from 'express-session'
import { describe, expectTypeOf, it } from 'vitest'
import { createServer } from '@volley/core/server'
import {
  getRequest,
  getSession,
  getVolley,
  listen,
  requireSession,
  shareMiddleware,
  volley,
  type ListenResult,
} from '../src/index'
import { chat } from './fixtures'

describe('types', () => {
  const io = createServer(chat)
  const app = express()
  const sessionMiddleware = session({ secret: 's' })

  it('accepts real Express middleware and the Express app', () => {
    expectTypeOf(shareMiddleware(io, sessionMiddleware)).toEqualTypeOf(io)
    shareMiddleware(io, (_req: express.Request, _res: express.Response, next: express.NextFunction) => next())
    app.use(volley(io))
    expectTypeOf(listen(app, io, 3000)).resolves.toEqualTypeOf<ListenResult>()
    // @ts-expect-error not a server
    void listen(app, {}, 3000)
  })

  it('types the session from the SessionData augmentation', () => {
    io.use(requireSession({ check: (session) => session.user?.name !== undefined }))
    io.on('connection', (socket) => {
      expectTypeOf(getSession(socket)?.user).toEqualTypeOf<{ name: string } | undefined>()
      expectTypeOf(getRequest<{ user: { id: number } }>(socket).user).toEqualTypeOf<
        { id: number } | undefined
      >()
      expectTypeOf(getSession(socket.raw)?.user).toEqualTypeOf<{ name: string } | undefined>()
    })
  })

  it('types emits from routes with no generics: volley(io).from(res)', () => {
    const withVolley = volley(io)
    app.use(withVolley)
    app.post('/y', (_req, res) => {
      expectTypeOf(withVolley.from(res)).toEqualTypeOf(io)
      withVolley.from(res).to('room').emit('notice', { text: 'hi', by: 'me' })
      // @ts-expect-error missing `by`
      withVolley.from(res).emit('notice', { text: 'hi' })
    })
  })

  it('types emits from routes by the contract', () => {
    app.post('/x', (_req, res) => {
      getVolley<typeof chat>(res).emit('notice', { text: 'hi', by: 'me' })
      // @ts-expect-error missing `by`
      getVolley<typeof chat>(res).emit('notice', { text: 'hi' })
      // @ts-expect-error not a server event
      getVolley<typeof chat>(res).emit('whoami', {})
    })
  })
})
