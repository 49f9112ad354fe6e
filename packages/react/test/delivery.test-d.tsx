import type {
  OutboxItem,
  SubscriptionGap,
  SubscriptionItemsInfo,
  SubscriptionSnapshot,
} from '@volley/core/client'
import { describe, expectTypeOf, it } from 'vitest'
import {
  createVolleyReact,
  type UseOutboxResult,
  type UseSubscriptionOptions,
  type UseSubscriptionResult,
} from '../src/index'
import { chat } from './contract'

const { useSubscription, useOutbox, useOnConnect, useRequest } = createVolleyReact(chat)

describe('delivery hooks', () => {
  it('useSubscription infers params, items and its state from the contract', () => {
    const state = useSubscription(
      'room:messages',
      { room: 'lobby' },
      {
        from: 'start',
        onItems: (items, { replayed }) => {
          expectTypeOf(items).toEqualTypeOf<{ n: number }[]>()
          expectTypeOf(replayed).toEqualTypeOf<boolean>()
        },
        onGap: (gap) => expectTypeOf(gap).toEqualTypeOf<SubscriptionGap>(),
      },
    )
    expectTypeOf(state).toEqualTypeOf<UseSubscriptionResult>()
    expectTypeOf(state).toEqualTypeOf<SubscriptionSnapshot>()
    expectTypeOf<UseSubscriptionOptions<typeof chat, 'room:messages'>['onItems']>().toEqualTypeOf<
      ((items: { n: number }[], info: SubscriptionItemsInfo) => void) | undefined
    >()
    useSubscription('room:messages', { room: 'lobby' }, { enabled: false })
    // @ts-expect-error wrong params
    useSubscription('room:messages', { room: 1 })
    // @ts-expect-error unknown subscription
    useSubscription('nope', {})
  })

  it('useOutbox items are typed by event; useRequest takes queue and key; useOnConnect gets ConnectInfo', () => {
    const outbox = useOutbox()
    expectTypeOf(outbox).toEqualTypeOf<UseOutboxResult<typeof chat>>()
    expectTypeOf(outbox.items).toEqualTypeOf<readonly OutboxItem<typeof chat>[]>()
    const item = outbox.items[0]
    if (item?.event === 'message:send')
      expectTypeOf(item.payload).toEqualTypeOf<{ room: string; text: string }>()
    useRequest('message:send', { queue: true, key: 'k' })
    useOnConnect(({ recovered, reconnected }) => {
      expectTypeOf(recovered).toEqualTypeOf<boolean>()
      expectTypeOf(reconnected).toEqualTypeOf<boolean>()
    })
    // @ts-expect-error a cleanup is a function
    useOnConnect(() => 'no')
  })
})
