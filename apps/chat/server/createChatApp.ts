import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express, { type Express } from 'express'
import session from 'express-session'
import type { Redis } from 'ioredis'
import { createServer, type VolleyServer } from '@volley/core/server'
import { getSession, requireSession, shareMiddleware, volley } from '@volley/express'
import { createRedisOptions, RedisPresenceStore } from '@volley/redis'
import { chat, messageText, ROOMS, roomId, type Message, type User } from '../shared/contract'
import { FileSessionStore } from './fileSessionStore'
import { RedisSessionStore } from './redisSessionStore'

/** How many messages each room keeps for people who join or come back (the subscription's retention). */
export const HISTORY_LIMIT = 100

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
  /**
   * Run as one of several processes over this Redis: broadcasts through the Redis streams adapter,
   * message history, idempotency keys, presence and sessions in Redis. Defaults to none (one process,
   * everything in memory).
   */
  redis?: Redis
  /** Milliseconds within which the presence of a dead process's users is removed. Defaults to `5_000`. */
  presenceLease?: number
  /** This process's worker number when clustered, shown to the page (and in an `X-Chat-Worker` header). */
  worker?: number
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

/**
 * The chat's Express app and Volley server, not yet listening: `listen(app, io, port)` starts both on one
 * port. `close()` releases what it holds besides (the Redis presence store's lease), after the server.
 */
export function createChatApp(options: ChatAppOptions = {}): {
  app: Express
  io: ChatServer
  close: () => Promise<void>
} {
  const app = express()
  const redis = options.redis
  const presenceStore =
    redis === undefined
      ? undefined
      : new RedisPresenceStore(redis, { lease: options.presenceLease ?? 5_000, prefix: 'chat' })
  const io: ChatServer = createServer(chat, {
    logger: options.log === false ? false : console,
    socketData: (raw) => ({ user: getSession(raw)?.user }),
    pingInterval: 10_000,
    pingTimeout: 5_000,
    ...(redis === undefined ? {} : { ...createRedisOptions(redis, { prefix: 'chat' }), presenceStore }),
  })
  const sessionStore =
    redis !== undefined
      ? new RedisSessionStore(redis)
      : options.sessionFile !== undefined
        ? new FileSessionStore(options.sessionFile)
        : undefined
  const sessionMiddleware = session({
    name: 'chat.sid',
    secret: options.sessionSecret ?? process.env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', maxAge: 7 * 24 * 3600 * 1000 },
    ...(sessionStore === undefined ? {} : { store: sessionStore }),
  })

  app.disable('x-powered-by')
  if (options.worker !== undefined) {
    const worker = String(options.worker)
    app.use((_req, res, next) => {
      res.setHeader('X-Chat-Worker', worker)
      next()
    })
  }
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

  // Who is in which room, across every process: the client joins a room's presence itself (usePresence);
  // connections of one user are one member (two tabs), and a socket that disconnects leaves on its own.
  io.presence('room', {
    key: (socket) => socket.data.user?.id ?? socket.id,
    authorize: ({ socket }) => socket.data.user !== undefined,
  })

  io.on('connection', (socket) => {
    const me = socket.data.user
    if (me === undefined) return void socket.disconnect(true)
    void socket.join(`user:${me.id}`)

    socket.on('rooms:list', () => ({ rooms: ROOMS.map(({ id, name, topic }) => ({ id, name, topic })) }))
    socket.on('server:info', () => ({ worker: options.worker ?? null, pid: process.pid }))

    // Sent through the client's outbox with an idempotency key: a resend after a lost ack runs once.
    socket.on('message:send', async ({ room, text, clientId }) => {
      const message = newMessage(room, me, text, clientId)
      await io.publish('room:messages', { room }, message)
      return message
    })
  })

  if (options.clientDir !== undefined && existsSync(join(options.clientDir, 'index.html'))) {
    const clientDir = options.clientDir
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }))
    app.get('/{*path}', (_req, res) => res.sendFile(join(clientDir, 'index.html')))
  }
  return { app, io, close: async () => void (await presenceStore?.close()) }
}
