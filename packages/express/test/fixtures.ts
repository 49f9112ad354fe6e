import express, { type Express } from 'express'
import session from 'express-session'
import { z } from 'zod'
import { defineContract } from '@volley/core'
import { createServer, type VolleyServer } from '@volley/core/server'
import { createClient, type VolleyClient } from '@volley/core/client'
import { afterEach } from 'vitest'
import { getSession, listen, requireSession, shareMiddleware, volley, type ListenResult } from '../src/index'

declare module 'express-session' {
  interface SessionData {
    user: { name: string }
  }
}

export const chat = defineContract({
  clientToServer: {
    whoami: { payload: z.object({}), ack: z.object({ name: z.string() }) },
  },
  serverToClient: {
    notice: { payload: z.object({ text: z.string(), by: z.string() }) },
  },
})

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** An Express 5 app with express-session, a login route, a notice route, and Volley on the same port. */
export async function startApp(): Promise<{
  app: Express
  io: VolleyServer<typeof chat>
  server: ListenResult
  url: string
}> {
  const app = express()
  const io = createServer(chat, { logger: false })
  const sessionMiddleware = session({ secret: 'test secret', resave: false, saveUninitialized: false })
  app.use(express.json())
  app.use(sessionMiddleware)
  const withVolley = volley(io)
  app.use(withVolley)
  app.post('/login', (req, res) => {
    req.session.user = { name: String(req.body.name) }
    res.json({ ok: true })
  })
  app.post('/notice', (req, res) => {
    const by = req.session.user?.name
    if (by === undefined) return void res.status(401).end()
    withVolley.from(res).emit('notice', { text: String(req.body.text), by })
    res.status(204).end()
  })
  shareMiddleware(io, sessionMiddleware)
  io.use(requireSession())
  io.on('connection', (socket) => {
    socket.on('whoami', () => ({ name: getSession(socket)?.user?.name ?? 'nobody' }))
  })
  const server = await listen(app, io, { port: 0, host: '127.0.0.1' })
  cleanups.push(() => server.close())
  return { app, io, server, url: server.url }
}

/** Logs in over REST and returns the session cookie. */
export async function login(url: string, name: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  })
  const cookie = response.headers.get('set-cookie')
  if (cookie === null) throw new Error('no session cookie')
  return cookie.split(';')[0]!
}

/** A real client whose handshake carries the cookie; disconnected after the test. */
export function connect(
  url: string,
  cookie?: string,
  transport: 'websocket' | 'polling' = 'websocket',
): VolleyClient<typeof chat> {
  const client = createClient(chat, url, {
    transports: [transport],
    logger: false,
    reconnection: false,
    ...(cookie === undefined ? {} : { extraHeaders: { cookie } }),
  })
  cleanups.push(() => client.disconnect())
  return client
}

/** Resolves with the next connection outcome: `'connected'` or the `connect_error`. */
export function outcome(
  client: VolleyClient<typeof chat>,
): Promise<'connected' | (Error & { data?: { code?: string } })> {
  return new Promise((resolve) => {
    client.raw.once('connect', () => resolve('connected'))
    client.raw.once('connect_error', (error) => resolve(error))
  })
}
