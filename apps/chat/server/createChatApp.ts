import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express, { type Express } from 'express'
import session from 'express-session'
import { createServer, type VolleyServer } from '@volley/core/server'
import { getSession, requireSession, shareMiddleware, volley } from '@volley/express'
import { chat, messageText, roomId, type Message, type User } from '../shared/contract'
import { ChatState, HISTORY_LIMIT } from './chatState'
import { FileSessionStore } from './fileSessionStore'

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
  /** Keep sessions in this JSON file, so a restarted server still knows who is signed in. Defaults to memory. */
  sessionFile?: string
}

type ChatServer = VolleyServer<typeof chat, { user: User | undefined }>

function newMessage(room: string, author: User, text: string, clientId?: string): Message {
  return {
    id: randomUUID(),
    room,
    author,
    text,
    at: Date.now(),
    ...(clientId === undefined ? {} : { clientId }),
  }
}

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
    ...(options.sessionFile === undefined ? {} : { store: new FileSessionStore(options.sessionFile) }),
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
  // For bots and webhooks: post over REST, and the room's subscribers get it like a message from a socket.
  app.post('/api/rooms/:room/messages', async (req, res) => {
    const user = req.session.user
    const room = roomId.safeParse(req.params.room)
    const text = messageText.safeParse(req.body?.text)
    if (user === undefined) return void res.status(401).json({ error: 'Not signed in.' })
    if (!room.success) return void res.status(404).json({ error: 'No such room.' })
    if (!text.success) return void res.status(400).json({ error: text.error.issues[0]?.message })
    const message = newMessage(room.data, user, text.data)
    await withVolley.from(res).publish('room:messages', { room: room.data }, message)
    res.status(201).json({ message })
  })

  shareMiddleware(io, sessionMiddleware)
  io.use(requireSession({ message: 'Sign in to chat.' }))

  // Each room's messages are a resumable subscription: Volley keeps the last HISTORY_LIMIT for people who
  // join (from the start) or come back after a cut (from their last message), and says when some are gone.
  io.subscription('room:messages', {
    authorize: ({ socket }) => socket.data.user !== undefined,
    retention: { count: HISTORY_LIMIT },
  })

  const presence = (room: string): void => {
    io.to(room).emit('presence', { room, online: state.online(room) })
    io.emit('rooms:update', { rooms: state.rooms() })
  }

  io.on('connection', (socket) => {
    const me = socket.data.user
    if (me === undefined) return void socket.disconnect(true)
    void socket.join(`user:${me.id}`)

    socket.on('rooms:list', () => ({ rooms: state.rooms() }))

    socket.on('room:join', async ({ room }) => {
      await socket.join(room)
      state.join(room, socket.id, me)
      presence(room)
      return { online: state.online(room) }
    })

    socket.on('room:leave', async ({ room }) => {
      await socket.leave(room)
      if (state.leave(room, socket.id)) {
        socket.to(room).emit('typing', { room, user: me, typing: false })
        presence(room)
      }
      return { left: room }
    })

    // Sent through the client's outbox with an idempotency key: a resend after a lost ack runs once.
    socket.on('message:send', async ({ room, text, clientId }) => {
      const message = newMessage(room, me, text, clientId)
      await io.publish('room:messages', { room }, message)
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
