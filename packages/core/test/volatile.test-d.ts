import { describe, expectTypeOf, it } from 'vitest'
import type { ClientEmitName, EmptyContract } from '../src/index'
import type { createClient, VolatileEmitter } from '../src/client/index'
import type { chat } from './fixtures'

declare const client: ReturnType<typeof createClient<typeof chat>>

describe('client.volatile types', () => {
  it('accepts the fire-and-forget events of the contract, typed like emit', () => {
    expectTypeOf<ClientEmitName<typeof chat>>().toEqualTypeOf<'typing'>()
    expectTypeOf<ClientEmitName<EmptyContract>>().toBeNever()
    expectTypeOf(client.volatile).toEqualTypeOf<VolatileEmitter<typeof chat>>()
    expectTypeOf(client.volatile.emit<'typing'>).parameters.toEqualTypeOf<
      [event: 'typing', payload: { room: string }]
    >()
    expectTypeOf(client.volatile.emit('typing', { room: 'r' })).toBeVoid()
    // @ts-expect-error wrong payload type, as with emit
    client.volatile.emit('typing', { room: 1 })
    // @ts-expect-error missing payload
    client.volatile.emit('typing')
    // @ts-expect-error a request (it declares `ack`) cannot be volatile: use client.request
    client.volatile.emit('message:send', { room: 'r', text: 't' })
    // @ts-expect-error a request whose payload is undefined is still a request
    client.volatile.emit('ping')
    // @ts-expect-error server-to-client events are not sent by the client
    client.volatile.emit('tick', 1)
    // @ts-expect-error wrong event name
    client.volatile.emit('typnig', { room: 'r' })
  })

  it('is read-only', () => {
    const other = client.volatile
    // @ts-expect-error `volatile` cannot be replaced
    client.volatile = other
  })
})
