import type { VolleyError } from '@volley/core'
import { defineContract } from '@volley/core'
import type { ConnectionStatus, VolleyClient } from '@volley/core/client'
import { createClient } from '@volley/core/client'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import {
  createVolleyReact,
  type UseRequestResult,
  type UseSocketEventHandler,
  type UseSocketEventResult,
  type VolleyReact,
} from '../src/index'
import { chat } from './contract'

const { VolleyProvider, useSocket, useSocketEvent, useRequest, useConnectionStatus } = createVolleyReact(chat)

describe('createVolleyReact', () => {
  it('is typed from the contract value', () => {
    expectTypeOf(createVolleyReact(chat)).toEqualTypeOf<VolleyReact<typeof chat>>()
    expectTypeOf(useSocket()).toEqualTypeOf<VolleyClient<typeof chat>>()
    expectTypeOf(useConnectionStatus().status).toEqualTypeOf<ConnectionStatus>()
    expectTypeOf(useConnectionStatus().lastError).toEqualTypeOf<VolleyError | undefined>()
  })
})

describe('useSocketEvent', () => {
  it('infers the handler payload and the result from the event', () => {
    const last = useSocketEvent('message:new', (message) => {
      expectTypeOf(message).toEqualTypeOf<{ id: string; room: string; text: string; at: number }>()
    })
    expectTypeOf(last).toEqualTypeOf<{ id: string; room: string; text: string; at: number } | undefined>()
    expectTypeOf(useSocketEvent('a')).toEqualTypeOf<UseSocketEventResult<typeof chat, 'a'>>()
    expectTypeOf<UseSocketEventHandler<typeof chat, 'a'>>().parameter(0).toEqualTypeOf<{ n: number }>()
  })

  it('refuses names that are not serverToClient events, and wrong handlers', () => {
    // @ts-expect-error not an event of the contract
    useSocketEvent('message:nope')
    // @ts-expect-error a clientToServer event, not a serverToClient one
    useSocketEvent('message:send')
    // @ts-expect-error the payload of "a" has no `text`
    useSocketEvent('a', (payload) => payload.text)
    // @ts-expect-error the handler receives one payload
    useSocketEvent('a', (payload: { n: string }) => payload)
  })
})

describe('useRequest', () => {
  it('types send, sendAsync, data and error from the event', () => {
    const request = useRequest('message:send', { timeout: 1_000 })
    expectTypeOf(request).toEqualTypeOf<UseRequestResult<typeof chat, 'message:send'>>()
    expectTypeOf(request.data).toEqualTypeOf<{ id: string; at: number } | undefined>()
    expectTypeOf(request.error).toEqualTypeOf<VolleyError | undefined>()
    expectTypeOf(request.status).toEqualTypeOf<'idle' | 'pending' | 'success' | 'error'>()
    expectTypeOf(request.isPending).toEqualTypeOf<boolean>()
    expectTypeOf(request.send).returns.toEqualTypeOf<void>()
    expectTypeOf(request.sendAsync({ room: 'r', text: 't' })).toEqualTypeOf<
      Promise<{ id: string; at: number }>
    >()
    request.send({ room: 'lobby', text: 'hi' })
    // A payload the schema may omit can be left out.
    useRequest('ping').send()
    expectTypeOf(useRequest('ping').data).toEqualTypeOf<'pong' | undefined>()
  })

  it('refuses wrong payloads', () => {
    const { send, sendAsync } = useRequest('message:send')
    // @ts-expect-error `room` must be a string
    send({ room: 1, text: 'hi' })
    // @ts-expect-error `text` is missing
    send({ room: 'lobby' })
    // @ts-expect-error the payload is required
    send()
    // @ts-expect-error `room` must be a string
    void sendAsync({ room: 1, text: 'hi' })
  })

  it('refuses events without ack and unknown events', () => {
    // @ts-expect-error "typing" declares no ack: use useSocket().emit
    useRequest('typing')
    // @ts-expect-error not an event of the contract
    useRequest('message:nope')
    // @ts-expect-error a serverToClient event
    useRequest('message:new')
    // @ts-expect-error unknown option
    useRequest('message:send', { retries: 3 })
  })
})

describe('VolleyProvider', () => {
  it('takes a client of its contract, or a url and options', () => {
    const client = createClient(chat, 'http://localhost:3000', { autoConnect: false })
    void (<VolleyProvider client={client} />)
    void (
      <VolleyProvider
        url="http://localhost:3000"
        options={{ transports: ['websocket'], requestTimeout: 5_000 }}
      />
    )
    void (<VolleyProvider />)
    // @ts-expect-error either a client or a url, not both
    void (<VolleyProvider client={client} url="http://localhost:3000" />)

    const other = defineContract({ clientToServer: {}, serverToClient: { x: { payload: z.string() } } })
    // @ts-expect-error a client of another contract
    void (<VolleyProvider client={createClient(other, { autoConnect: false })} />)
  })

  it('keeps several contracts apart', () => {
    const admin = defineContract({
      clientToServer: { kick: { payload: z.object({ user: z.string() }), ack: z.boolean() } },
      serverToClient: { audit: { payload: z.object({ line: z.string() }) } },
    })
    const adminReact = createVolleyReact(admin)
    expectTypeOf(adminReact.useRequest('kick').data).toEqualTypeOf<boolean | undefined>()
    // @ts-expect-error "message:send" belongs to the chat contract
    adminReact.useRequest('message:send')
    // @ts-expect-error "audit" is not a chat event
    useSocketEvent('audit')
  })
})
