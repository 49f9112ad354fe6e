import type { IncomingMessage } from 'node:http'
import type { VolleyServer } from '@volley/core/server'
import { createServer } from '@volley/core/server'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { createRouteHandler, createSessionCookie, getVolley, parsePayload, singleton } from '../src/index'
import { serve, withSession, type ServeResult } from '../src/server/index'
import { contract } from './contract'

const session = createSessionCookie({ schema: z.object({ id: z.string(), name: z.string() }) })

describe('getVolley', () => {
  it('is typed by the contract value, with no type arguments', () => {
    const io = getVolley(contract)
    expectTypeOf(io).toEqualTypeOf<VolleyServer<typeof contract>>()
    io.emit('noted', { id: 1, text: 'hi' })
    io.to('room').emit('noted', { id: 1, text: 'hi' })
    // @ts-expect-error `text` is missing
    io.emit('noted', { id: 1 })
    // @ts-expect-error not a serverToClient event
    io.emit('note', { text: 'hi' })
    // @ts-expect-error not a contract
    getVolley({ events: {} })
  })
})

describe('createRouteHandler', () => {
  it('types the payload from the event and the answer from its ack', () => {
    const POST = createRouteHandler(contract, 'note', (payload, request) => {
      expectTypeOf(payload).toEqualTypeOf<{ text: string }>()
      expectTypeOf(request).toEqualTypeOf<Request>()
      return { id: 1 }
    })
    expectTypeOf(POST).returns.resolves.toEqualTypeOf<Response>()
    createRouteHandler(contract, 'note', async () => ({ id: 1 }))
    createRouteHandler(contract, 'note', () => new Response(null, { status: 204 }))
    // @ts-expect-error the ack is { id: number }
    createRouteHandler(contract, 'note', () => ({ id: 'one' }))
    // @ts-expect-error not a clientToServer event
    createRouteHandler(contract, 'noted', () => ({ id: 1 }))
  })

  it('types the route context when given', () => {
    createRouteHandler(
      contract,
      'note',
      (_payload, _request, context: { params: Promise<{ room: string }> }) => {
        expectTypeOf(context.params).resolves.toEqualTypeOf<{ room: string }>()
        return { id: 1 }
      },
    )
  })
})

describe('parsePayload', () => {
  it('resolves to the payload type of the event', () => {
    expectTypeOf(parsePayload(contract, 'note', {})).resolves.toEqualTypeOf<{ text: string }>()
    // @ts-expect-error not a clientToServer event
    void parsePayload(contract, 'noted', {})
  })
})

describe('sessions', () => {
  it('types the session from the schema, and socket.data.session from withSession', () => {
    expectTypeOf(session.read('')).resolves.toEqualTypeOf<{ id: string; name: string } | undefined>()
    // @ts-expect-error `name` is missing
    void session.seal({ id: 'u1' })
    const io = withSession(createServer(contract), session)
    io.on('connection', (socket) => {
      expectTypeOf(socket.data.session).toEqualTypeOf<{ id: string; name: string }>()
    })
    const custom = withSession(createServer(contract), (request: IncomingMessage) =>
      request.headers.authorization === undefined ? undefined : { token: request.headers.authorization },
    )
    custom.on('connection', (socket) => expectTypeOf(socket.data.session).toEqualTypeOf<{ token: string }>())
  })
})

describe('serve and singleton', () => {
  it('accepts a Volley server and resolves to the result', () => {
    const app = { prepare: async () => {}, getRequestHandler: () => async () => {}, close: async () => {} }
    expectTypeOf(serve({ app, io: createServer(contract) })).resolves.toEqualTypeOf<ServeResult>()
    // @ts-expect-error not a Volley server
    void serve({ app, io: {} })
    expectTypeOf(singleton('store', () => new Map<string, number>())).toEqualTypeOf<Map<string, number>>()
  })
})
