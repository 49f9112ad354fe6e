import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express, { type Express } from 'express'
import session from 'express-session'
import { VolleyError } from '@volley/core'
import { createServer, type VolleyServer } from '@volley/core/server'
import { getSession, requireSession, shareMiddleware, volley } from '@volley/express'
import { chat, messageText, roomId, type User } from '../shared/contract'
import { ChatState } from './chatState'

declare module 'express-session' {
  interface SessionData {
    user: User
  }
}

/** Options for `createChatApp`. */
export interface ChatAppOptions {
  /** The built client (`dist/client`) to serve; none in tests and in dev (Vite serves it). */
  clientDir?: string
  /** Signs the session cookie. Defaults to `SESSION_SECRET`, else a random one per process. */
  sessionSecret?: string
  /** Log refused payloads and failed handlers. Defaults to `true`. */
  log?: boolean
}

type ChatServer = VolleyServer<typeof chat, { user: User | undefined }>

/** The chat's Express app and Volley server, not yet listening: `listen(app, io, port)` starts both on one port. */
export function createChatApp(options: ChatAppOptions = {}): {
  app: Express
  io: ChatServer
  state: ChatState
} {
  const state = new ChatState()
  const app = express()
  const io: ChatServer = createServer(chat, {
    logger: options.log === false ? false : console,
    socketData: (raw) => ({ user: getSession(raw)?.user }),
    pingInterval: 10_000,
    pingTimeout: 5_000,
  })
  const sessionMiddleware = session({
    name: 'chat.sid',
    secret: options.sessionSecret ?? process.env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', maxAge: 7 * 24 * 3600 * 1000 },
  })

  app.disable('x-powered-by')
  const withVolley = volley(io)
  app.use(express.json({ limit: '16kb' }), sessionMiddleware, withVolley)

  app.post('/api/login', (req, res) => {
    const name = String(req.body?.name ?? '').trim()
    if (name.length < 1 || name.length > 32) {
      res.status(400).json({ error: 'Pick a name of 1 to 32 characters.' })
      return
    }
    req.session.user = { id: randomUUID(), name }
    res.json({ user: req.session.user })
  })
  app.get('/api/me', (req, res) => {
    if (req.session.user === undefined) res.status(401).json({ error: 'Not signed in.' })
    else res.json({ user: req.session.user })
  })
  app.post('/api/logout', (req, res) => {
    const user = req.session.user
    if (user !== undefined) withVolley.from(res).in(`user:${user.id}`).disconnectSockets(true)
    req.session.destroy(() => res.status(204).end())
  })
  // For bots and webhooks: post over REST, and the room gets the same typed `message:new` as from a socket.
  app.post('/api/rooms/:room/messages', (req, res) => {
    const user = req.session.user
    const room = roomId.safeParse(req.params.room)
    const text = messageText.safeParse(req.body?.text)
    if (user === undefined) return void res.status(401).json({ error: 'Not signed in.' })
    if (!room.success) return void res.status(404).json({ error: 'No such room.' })
    if (!text.success) return void res.status(400).json({ error: text.error.issues[0]?.message })
    const message = state.add(room.data, user, text.data)
    withVolley.from(res).to(room.data).emit('message:new', message)
    res.status(201).json({ message })
  })

  shareMiddleware(io, sessionMiddleware)
  io.use(requireSession({ message: 'Sign in to chat.' }))

  const presence = (room: string): void => {
    io.to(room).emit('presence', { room, online: state.online(room) })
    io.emit('rooms:update', { rooms: state.rooms() })
  }

  io.on('connection', (socket) => {
    const me = socket.data.user
    if (me === undefined) return void socket.disconnect(true)
    void socket.join(`user:${me.id}`)

    socket.on('rooms:list', () => ({ rooms: state.rooms() }))

    socket.on('room:join', async ({ room, since, epoch }) => {
      await socket.join(room)
      state.join(room, socket.id, me)
      presence(room)
      const sameLife = epoch === undefined || epoch === state.epoch
      const { messages, lost } = state.since(room, sameLife ? since : undefined)
      return {
        epoch: state.epoch,
        messages,
        online: state.online(room),
        lost: lost || (!sameLife && since !== undefined),
      }
    })

    socket.on('room:leave', async ({ room }) => {
      await socket.leave(room)
      if (state.leave(room, socket.id)) {
        socket.to(room).emit('typing', { room, user: me, typing: false })
        presence(room)
      }
      return { left: room }
    })

    socket.on('message:send', ({ room, text, clientId }) => {
      if (!socket.rooms.has(room))
        throw new VolleyError('UNAUTHORIZED', `Join #${room} before writing in it.`)
      const resent = state.find(room, me.id, clientId)
      if (resent !== undefined) return resent
      const message = state.add(room, me, text, clientId)
      socket.to(room).emit('message:new', message)
      return message
    })

    socket.on('typing', ({ room, typing }) => {
      if (socket.rooms.has(room)) socket.to(room).emit('typing', { room, user: me, typing })
    })

    socket.on('disconnect', () => {
      for (const room of state.roomsOf(socket.id)) {
        state.leave(room, socket.id)
        io.to(room).emit('typing', { room, user: me, typing: false })
        presence(room)
      }
    })
  })

  if (options.clientDir !== undefined && existsSync(join(options.clientDir, 'index.html'))) {
    const clientDir = options.clientDir
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }))
    app.get('/{*path}', (_req, res) => res.sendFile(join(clientDir, 'index.html')))
  }
  return { app, io, state }
}
