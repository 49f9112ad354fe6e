import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server, type ServerOptions } from 'socket.io'
import { io as connectRaw, type Socket } from 'socket.io-client'
import { createClient, type VolleyClient } from '@volley/core/client'
import { createServer } from '@volley/core/server'
import {
  createBenchContract,
  createCounter,
  echoAnswer,
  ROOM,
  tickMessage,
  type BenchContract,
  type ValidationCounter,
} from './contract'

/** Which stack a run goes through. */
export type TargetName = 'raw' | 'volley'

/** What a bench client can do, whichever stack it runs on. */
export interface BenchClient {
  /** Sends a request and resolves to the ack data; rejects on an error answer. */
  request(event: 'echo' | 'trigger', payload: object): Promise<unknown>
  /** Calls `listener` with the `seq` of every `tick` this client receives. */
  onTick(listener: (seq: number) => void): void
}

/** One server with its clients, torn down together by `close`. */
export interface BenchSession {
  readonly target: TargetName
  /** Connects a client; receivers join the broadcast room on the server. */
  connect(role: 'receiver' | 'sender'): Promise<BenchClient>
  /** How many sockets are in the broadcast room, as the server sees it. */
  roomSize(): number
  /** Errors reported by the server or the clients (Volley's `onError`, failed connects). */
  readonly errors: number
  /** Validations run by the server's contract (always 0 for raw). */
  readonly serverValidations: ValidationCounter
  /** Validations run by the clients' contract (always 0 for raw). */
  readonly clientValidations: ValidationCounter
  close(): Promise<void>
}

/** How Volley clients treat incoming data in a session. */
export interface SessionOptions {
  /** Volley clients' `validateIncoming`. Defaults to `'always'`. */
  readonly clientValidation?: 'always' | 'never'
  /**
   * How the Volley server sends ticks: a room broadcast (`io.to(room).emit`) or a resumable subscription
   * (`io.publish`, receivers `client.subscribe`). Defaults to `'emit'`.
   */
  readonly delivery?: 'emit' | 'publish'
}

/** The stream room a `ticks` subscription joins (Volley's `$volley:` prefix and the stream key). */
const TICKS_ROOM = `$volley:${JSON.stringify(['ticks', { room: ROOM }])}`

const serverOptions: Partial<ServerOptions> = { transports: ['websocket'], serveClient: false }
const clientOptions = { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000 }

function listen(http: HttpServer): Promise<string> {
  return new Promise((resolve, reject) => {
    http.once('error', reject)
    http.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(http.address() as AddressInfo).port}`))
  })
}

function whenConnected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve()
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
}

function unwrap(envelope: unknown): unknown {
  const answer = envelope as { ok?: boolean; data?: unknown; error?: { code?: string } }
  if (answer?.ok !== true) throw new Error(`raw request failed: ${answer?.error?.code ?? 'no envelope'}`)
  return answer.data
}

/** Starts a plain socket.io server doing the same work as the Volley one, without validation. */
async function startRaw(): Promise<BenchSession> {
  const http = createHttpServer()
  const io = new Server(http, serverOptions)
  io.on('connection', (socket) => {
    if (socket.handshake.query.role === 'receiver') void socket.join(ROOM)
    socket.on('echo', (payload: { n: number }, ack: (envelope: unknown) => void) =>
      ack({ ok: true, data: echoAnswer(payload) }),
    )
    socket.on(
      'trigger',
      (payload: { seq: number; room: string; text: string }, ack: (envelope: unknown) => void) => {
        io.to(payload.room).emit('tick', tickMessage(payload))
        ack({ ok: true, data: { seq: payload.seq } })
      },
    )
  })
  const url = await listen(http)
  const sockets: Socket[] = []
  let errors = 0
  return {
    target: 'raw',
    async connect(role) {
      const socket = connectRaw(url, { ...clientOptions, query: { role } })
      sockets.push(socket)
      await whenConnected(socket).catch((error: unknown) => {
        errors += 1
        throw error
      })
      return {
        request: async (event, payload) => unwrap(await socket.emitWithAck(event, payload)),
        onTick: (listener) => void socket.on('tick', (message: { seq: number }) => listener(message.seq)),
      }
    },
    roomSize: () => io.of('/').adapter.rooms.get(ROOM)?.size ?? 0,
    get errors() {
      return errors
    },
    serverValidations: createCounter(),
    clientValidations: createCounter(),
    close: async () => {
      for (const socket of sockets) socket.disconnect()
      await new Promise<void>((resolve) => io.close(() => resolve()))
    },
  }
}

/** Starts a Volley server (zod validation on) whose contract counts its validations. */
async function startVolley(options: SessionOptions): Promise<BenchSession> {
  const serverValidations = createCounter()
  const clientValidations = createCounter()
  const serverContract = createBenchContract(serverValidations)
  const clientContract = createBenchContract(clientValidations)
  let errors = 0
  const onError = (): void => void (errors += 1)
  const http = createHttpServer()
  const io = createServer(serverContract, { ...serverOptions, logger: false, onError })
  const publish = options.delivery === 'publish'
  io.subscription('ticks', { retention: { count: 10_000 } })
  io.on('connection', (socket) => {
    if (socket.handshake.query.role === 'receiver' && !publish) void socket.join(ROOM)
    socket.on('echo', (payload) => echoAnswer(payload))
    socket.on('trigger', (payload) => {
      if (publish) void io.publish('ticks', { room: payload.room }, tickMessage(payload))
      else io.to(payload.room).emit('tick', tickMessage(payload))
      return { seq: payload.seq }
    })
  })
  io.attach(http)
  const url = await listen(http)
  const clients: VolleyClient<BenchContract>[] = []
  return {
    target: 'volley',
    async connect(role) {
      const client = createClient(clientContract, url, {
        ...clientOptions,
        query: { role },
        validateIncoming: options.clientValidation ?? 'always',
        logger: false,
        onError,
      })
      clients.push(client)
      await whenConnected(client.raw).catch((error: unknown) => {
        errors += 1
        throw error
      })
      return {
        request: (event, payload) => client.request(event, payload as never),
        onTick: (listener) => {
          if (!publish) return void client.on('tick', (message) => listener(message.seq))
          client.subscribe(
            'ticks',
            { room: ROOM },
            {
              onItems: (items) => {
                for (const item of items) listener(item.seq)
              },
            },
          )
        },
      }
    },
    roomSize: () => io.raw.of('/').adapter.rooms.get(publish ? TICKS_ROOM : ROOM)?.size ?? 0,
    get errors() {
      return errors
    },
    serverValidations,
    clientValidations,
    close: async () => {
      for (const client of clients) client.disconnect()
      await io.close()
    },
  }
}

/**
 * Starts a session on one stack: a server on 127.0.0.1, port 0, and a way to connect clients to it.
 *
 * @example
 * const session = await startSession('volley', { clientValidation: 'always' })
 * @param target - `'raw'` socket.io or `'volley'`
 * @param options - Volley client settings
 * @returns the session; call `close()` when done
 */
export function startSession(target: TargetName, options: SessionOptions = {}): Promise<BenchSession> {
  return target === 'raw' ? startRaw() : startVolley(options)
}
