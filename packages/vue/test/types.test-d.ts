import type { VolleyError } from '@volley/core'
import type { ConnectionSnapshot, VolleyClient } from '@volley/core/client'
import type { Plugin } from 'vue'
import { describe, expectTypeOf, it } from 'vitest'
import { createVolleyVue } from '../src/index'
import { chat } from './contract'

const { plugin, useSocket, useSocketEvent, useRequest, useConnectionStatus, injectionKey } =
  createVolleyVue(chat)

describe('createVolleyVue types', () => {
  it('useSocket is the typed client', () => {
    expectTypeOf(useSocket()).toEqualTypeOf<VolleyClient<typeof chat>>()
    expectTypeOf(plugin({ url: 'http://x' })).toEqualTypeOf<Plugin>()
    expectTypeOf(injectionKey).toMatchTypeOf<symbol>()
  })

  it('useSocketEvent infers the payload and refuses unknown events', () => {
    const last = useSocketEvent('message:new', (message) => {
      expectTypeOf(message).toEqualTypeOf<{ id: string; text: string }>()
    })
    expectTypeOf(last.value).toEqualTypeOf<{ id: string; text: string } | undefined>()
    expectTypeOf(useSocketEvent('tick').value).toEqualTypeOf<number | undefined>()
    // @ts-expect-error not a serverToClient event
    useSocketEvent('message:send')
    // @ts-expect-error unknown event
    useSocketEvent('nope')
    // @ts-expect-error handler of the wrong payload type
    useSocketEvent('tick', (n: string) => n)
    // @ts-expect-error the ref is read-only
    last.value = undefined
  })

  it('useRequest infers payload and ack, and only accepts events with ack', () => {
    const { send, sendAsync, data, error, isPending, status } = useRequest('message:send')
    expectTypeOf(send).parameter(0).toEqualTypeOf<{ text: string }>()
    expectTypeOf(sendAsync).returns.toEqualTypeOf<Promise<{ id: string; text: string }>>()
    expectTypeOf(data.value).toEqualTypeOf<{ id: string; text: string } | undefined>()
    expectTypeOf(error.value).toEqualTypeOf<VolleyError | undefined>()
    expectTypeOf(isPending.value).toEqualTypeOf<boolean>()
    expectTypeOf(status.value).toEqualTypeOf<'idle' | 'pending' | 'success' | 'error'>()
    expectTypeOf(useRequest('secret:read').data.value).toEqualTypeOf<string | undefined>()
    // @ts-expect-error wrong payload
    send({ text: 1 })
    // @ts-expect-error missing field
    send({})
    const now = useRequest('time:now')
    now.send()
    expectTypeOf(now.sendAsync()).toEqualTypeOf<Promise<number>>()
    // @ts-expect-error a payload is required when the schema does not accept undefined
    send()
    // @ts-expect-error fire-and-forget events have no ack
    useRequest('typing')
    // @ts-expect-error server-to-client event
    useRequest('message:new')
  })

  it('useConnectionStatus is a read-only ref of the snapshot', () => {
    const connection = useConnectionStatus()
    expectTypeOf(connection.value).toEqualTypeOf<ConnectionSnapshot>()
    expectTypeOf(connection.value.status).toEqualTypeOf<
      'connecting' | 'connected' | 'reconnecting' | 'disconnected'
    >()
  })
})
