import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import {
  defineContract,
  RESERVED_EVENT_NAMES,
  VOLLEY_ERROR_CODES,
  VolleyError,
  type ClientEventName,
  type ReservedEventName,
  type VolleyErrorCode,
  type ClientRequestName,
  type EmptyContract,
  type ServerEventName,
  type InferAck,
  type InferAuth,
  type InferClientAck,
  type InferClientPayload,
  type InferPayload,
  type InferServerPayload,
  type ServerRequestName,
} from '../src/index'
import { createServer, type CreateServerOptions, type VolleySocket } from '../src/server/index'
import { createClient, type ConnectionSnapshot } from '../src/client/index'
import { authed, type chat } from './fixtures'

declare const io: ReturnType<typeof createServer<typeof chat>>
declare const client: ReturnType<typeof createClient<typeof chat>>

describe('contract types', () => {
  it('infers payload and ack types from the schemas', () => {
    expectTypeOf<InferPayload<(typeof chat)['clientToServer']['message:send']>>().toEqualTypeOf<{
      room: string
      text: string
    }>()
    expectTypeOf<InferAck<(typeof chat)['clientToServer']['message:send']>>().toEqualTypeOf<{
      id: string
      at: number
    }>()
    expectTypeOf<InferAck<(typeof chat)['clientToServer']['typing']>>().toEqualTypeOf<void>()
    expectTypeOf<InferClientPayload<typeof chat, 'typing'>>().toEqualTypeOf<{ room: string }>()
    expectTypeOf<InferClientAck<typeof chat, 'room:join'>>().toEqualTypeOf<{ members: number }>()
    expectTypeOf<InferServerPayload<typeof chat, 'tick'>>().toEqualTypeOf<number>()
    expectTypeOf<InferAuth<typeof authed>>().toEqualTypeOf<{ token: string; user: string }>()
    expectTypeOf<InferAuth<typeof chat>>().toEqualTypeOf<undefined>()
  })

  it('lists event names and the ones that are requests', () => {
    expectTypeOf<ClientEventName<typeof chat>>().toEqualTypeOf<
      'message:send' | 'typing' | 'room:join' | 'echo' | 'file:upload' | 'slow' | 'fail' | 'ping'
    >()
    expectTypeOf<ClientRequestName<typeof chat>>().toEqualTypeOf<
      'message:send' | 'room:join' | 'echo' | 'file:upload' | 'slow' | 'fail' | 'ping'
    >()
    expectTypeOf<ServerRequestName<typeof chat>>().toEqualTypeOf<'confirm'>()
  })

  it('an unspecified contract has no event names', () => {
    expectTypeOf<ClientEventName<EmptyContract>>().toEqualTypeOf<never>()
    expectTypeOf<ServerEventName<EmptyContract>>().toEqualTypeOf<never>()
  })

  it('refuses reserved event names at compile time', () => {
    // @ts-expect-error 'disconnect' is reserved by Socket.IO
    defineContract({ clientToServer: { disconnect: { payload: z.string() } }, serverToClient: {} })
    // @ts-expect-error 'error' is reserved
    defineContract({ clientToServer: {}, serverToClient: { error: { payload: z.string() } } })
  })

  it('infers valibot schemas the same way', () => {
    const c = defineContract({
      clientToServer: { add: { payload: v.object({ a: v.number(), b: v.number() }), ack: v.number() } },
      serverToClient: {},
    })
    expectTypeOf<InferClientPayload<typeof c, 'add'>>().toEqualTypeOf<{ a: number; b: number }>()
    expectTypeOf<InferClientAck<typeof c, 'add'>>().toEqualTypeOf<number>()
  })

  it('keeps input and output apart for transforming schemas', () => {
    const c = defineContract({
      clientToServer: { at: { payload: z.string().transform((s) => new Date(s)), ack: z.number() } },
      serverToClient: {},
    })
    const s = createServer(c)
    s.on('connection', (socket) => {
      socket.on('at', (date) => {
        expectTypeOf(date).toEqualTypeOf<Date>()
        return date.getTime()
      })
    })
    const cl = createClient(c)
    void cl.request('at', '2026-01-01')
    // @ts-expect-error the emitter passes the schema input (a string), not the output
    void cl.request('at', new Date())
  })

  it("leaves out socket.io-client's retries and ackTimeout, which break Volley's acks", () => {
    createClient(authed, { reconnectionDelay: 100, requestTimeout: 1_000 })
    // @ts-expect-error refused: each event would run retries + 1 times
    createClient(authed, { retries: 3 })
    // @ts-expect-error refused: it hides the ack envelope
    createClient(authed, 'http://localhost:3000', { ackTimeout: 1_000 })
  })
})

describe('server types', () => {
  it('types handlers, acks, emits and requests with no generics written by hand', () => {
    io.on('connection', (socket) => {
      expectTypeOf(socket).toEqualTypeOf<VolleySocket<typeof chat, Record<string, unknown>>>()
      socket.on('message:send', (payload) => {
        expectTypeOf(payload).toEqualTypeOf<{ room: string; text: string }>()
        return { id: 'x', at: 1 }
      })
      socket.on('message:send', async () => ({ id: 'x', at: 1 }))
      socket.on('typing', ({ room }) => void socket.to(room).emit('typing', { room, user: 'me' }))
      // @ts-expect-error wrong ack return type
      socket.on('message:send', () => ({ id: 1, at: 1 }))
      // @ts-expect-error async handler resolving to the wrong ack
      socket.on('room:join', async () => ({ members: '3' }))
      // @ts-expect-error unknown event name
      socket.on('message:sned', () => {})
      // @ts-expect-error a server-to-client event is not handled on the server
      socket.on('tick', () => {})
      socket.on('typing', ({ room }) => new Set([room]).add(room))
      socket.on('disconnect', (reason) => expectTypeOf(reason).toBeString())

      socket.emit('tick', 1)
      // @ts-expect-error wrong payload
      socket.emit('tick', '1')
      // @ts-expect-error client-to-server event emitted by the server
      socket.emit('typing', { room: 'r' })
      io.to('r').except('x').emit('message:new', { id: '1', room: 'r', text: 't', at: 1 })
      // @ts-expect-error missing field
      io.to('r').emit('message:new', { id: '1', room: 'r', text: 't' })

      expectTypeOf(socket.request('confirm', { question: 'q' })).resolves.toEqualTypeOf<{ yes: boolean }>()
      // @ts-expect-error request on an event without ack
      void socket.request('tick', 1)
    })
  })

  it('types socket.data from socketData and auth from the contract', () => {
    const s = createServer(authed, { socketData: () => ({ visits: 0 }) })
    s.on('connection', (socket) => {
      expectTypeOf(socket.data).toEqualTypeOf<{ visits: number }>()
      expectTypeOf(socket.auth).toEqualTypeOf<{ token: string; user: string }>()
      socket.on('whoami', () => ({ user: socket.auth.user }))
    })
  })

  it('types limits.events by the client-to-server events of the contract', () => {
    const s = createServer(authed, {
      socketData: () => ({ visits: 0 }),
      limits: { events: { whoami: { rate: { points: 5, duration: 1000 }, maxBytes: 64 } } },
    })
    s.on('connection', (socket) => expectTypeOf(socket.data).toEqualTypeOf<{ visits: number }>())
    createServer(authed, {
      // @ts-expect-error not a client-to-server event of the contract
      limits: { events: { whoamI: { maxBytes: 64 } } },
    })
    // @ts-expect-error maxBytes is a number
    createServer(authed, { limits: { events: { whoami: { maxBytes: '64' } } } })
    io.of('/arena', authed, { events: { whoami: { maxBytes: 64 } } })
    // @ts-expect-error not an event of the namespace's contract
    io.of('/arena', authed, { events: { 'message:send': { maxBytes: 64 } } })
  })

  it('takes options typed without a contract in a generic wrapper', () => {
    function start<TContract extends typeof authed>(c: TContract, options: CreateServerOptions = {}) {
      return createServer(c, { logger: false, ...options })
    }
    start(authed, { limits: { escalation: { refusals: 10, window: 1000 } } })
    // @ts-expect-error per-event limits need the contract's event names
    start(authed, { limits: { events: { whoami: { maxBytes: 64 } } } })
  })
})

describe('client types', () => {
  it('types request, emit and on with no generics written by hand', () => {
    expectTypeOf(client.request('message:send', { room: 'r', text: 't' })).resolves.toEqualTypeOf<{
      id: string
      at: number
    }>()
    expectTypeOf(client.request('ping', undefined)).resolves.toEqualTypeOf<'pong'>()
    // @ts-expect-error request on an event without ack
    void client.request('typing', { room: 'r' })
    // @ts-expect-error wrong payload
    void client.request('message:send', { room: 'r' })
    // @ts-expect-error wrong event name
    void client.request('message:sned', { room: 'r', text: 't' })
    client.emit('typing', { room: 'r' })
    // @ts-expect-error wrong payload type
    client.emit('typing', { room: 1 })
    client.on('message:new', (message) => expectTypeOf(message.at).toBeNumber())
    client.on('confirm', ({ question }) => ({ yes: question.length > 0 }))
    // @ts-expect-error wrong answer to a server request
    client.on('confirm', () => ({ yes: 'sure' }))
    // @ts-expect-error client-to-server events are not received by the client
    client.on('message:send', () => {})
    client.on('tick', (n) => [n].push(n))
    expectTypeOf(client.getSnapshot()).toEqualTypeOf<ConnectionSnapshot>()
    expectTypeOf(client.observe('tick').getSnapshot().data).toEqualTypeOf<number | undefined>()
  })

  it('types VolleyError codes', () => {
    const error = new VolleyError('TIMEOUT', 'late')
    expectTypeOf(error.code).toEqualTypeOf<
      | 'VALIDATION_FAILED'
      | 'HANDLER_ERROR'
      | 'UNKNOWN_EVENT'
      | 'TIMEOUT'
      | 'DISCONNECTED'
      | 'UNAUTHORIZED'
      | 'RATE_LIMITED'
      | 'QUEUE_FULL'
      | 'PAYLOAD_TOO_LARGE'
    >()
    expectTypeOf(VOLLEY_ERROR_CODES).items.toEqualTypeOf<VolleyErrorCode>()
    expectTypeOf(RESERVED_EVENT_NAMES).items.toEqualTypeOf<ReservedEventName>()
    // @ts-expect-error unknown code
    new VolleyError('NOPE', 'x')
  })
})
