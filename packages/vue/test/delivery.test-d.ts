import type { OutboxItem, SubscriptionGap, SubscriptionSnapshot } from '@volley/core/client'
import { ref } from 'vue'
import { describe, expectTypeOf, it } from 'vitest'
import {
  createVolleyVue,
  type UseRequestResult,
  type UseSocketEventHandler,
  type UseSubscriptionResult,
} from '../src/index'
import { chat } from './contract'

const { useSubscription, useOutbox, useOnConnect, useRequest, useSocketEvent } = createVolleyVue(chat)

describe('delivery composables', () => {
  it('useSubscription infers params and items; params may be a ref or a getter', () => {
    const state = useSubscription(
      'room:messages',
      { room: 'lobby' },
      {
        onItems: (items) => expectTypeOf(items).toEqualTypeOf<{ n: number }[]>(),
        onGap: (gap) => expectTypeOf(gap).toEqualTypeOf<SubscriptionGap>(),
      },
    )
    expectTypeOf(state).toEqualTypeOf<UseSubscriptionResult>()
    expectTypeOf(state.value).toEqualTypeOf<SubscriptionSnapshot>()
    const room = ref('a')
    useSubscription('room:messages', () => ({ room: room.value }))
    useSubscription('room:messages', ref({ room: 'b' }))
    // @ts-expect-error wrong params
    useSubscription('room:messages', { room: 1 })
  })

  it('useOutbox, useOnConnect, and the names shared with React', () => {
    const outbox = useOutbox()
    expectTypeOf(outbox.value.items).toEqualTypeOf<readonly OutboxItem<typeof chat>[]>()
    useOnConnect(({ recovered }) => {
      expectTypeOf(recovered).toEqualTypeOf<boolean>()
    })
    expectTypeOf(useRequest('message:send', { queue: true })).toEqualTypeOf<
      UseRequestResult<typeof chat, 'message:send'>
    >()
    const handler: UseSocketEventHandler<typeof chat, 'tick'> = (n) => expectTypeOf(n).toEqualTypeOf<number>()
    useSocketEvent('tick', handler)
    useSocketEvent('tick', ref(handler))
  })
})
