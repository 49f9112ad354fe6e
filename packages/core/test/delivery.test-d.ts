import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import {
  defineContract,
  type InferSubscriptionItem,
  type InferSubscriptionItemInput,
  type InferSubscriptionParams,
  type InferSubscriptionSnapshot,
  type SubscriptionName,
  type Unsubscribe,
} from '../src/index'
import { type createServer, type VolleySocket } from '../src/server/index'
import {
  type createClient,
  type ConnectInfo,
  type OutboxItem,
  type Subscription,
  type SubscriptionGap,
  type SubscriptionSnapshot,
} from '../src/client/index'
import { type chat, type feed } from './fixtures'

declare const io: ReturnType<typeof createServer<typeof feed, { user: string }>>
declare const client: ReturnType<typeof createClient<typeof feed>>

describe('subscription types', () => {
  it('infers names, params, items and snapshots from the contract', () => {
    expectTypeOf<SubscriptionName<typeof feed>>().toEqualTypeOf<'room:messages' | 'doc'>()
    expectTypeOf<SubscriptionName<typeof chat>>().toEqualTypeOf<never>()
    expectTypeOf<InferSubscriptionParams<typeof feed, 'room:messages'>>().toEqualTypeOf<{ room: string }>()
    expectTypeOf<InferSubscriptionItem<typeof feed, 'room:messages'>>().toEqualTypeOf<{
      room: string
      n: number
    }>()
    expectTypeOf<InferSubscriptionSnapshot<typeof feed, 'doc'>>().toEqualTypeOf<{ text: string }>()
    expectTypeOf<InferSubscriptionSnapshot<typeof feed, 'room:messages'>>().toEqualTypeOf<never>()
    const transforming = defineContract({
      clientToServer: {},
      serverToClient: {},
      subscriptions: { t: { params: z.object({}), item: z.string().transform((s) => s.length) } },
    })
    expectTypeOf<InferSubscriptionItemInput<typeof transforming, 't'>>().toEqualTypeOf<string>()
    expectTypeOf<InferSubscriptionItem<typeof transforming, 't'>>().toEqualTypeOf<number>()
  })

  it('refuses names with the $volley: prefix at compile time', () => {
    // @ts-expect-error the protocol prefix is reserved for events
    defineContract({ clientToServer: { '$volley:send': { payload: z.string() } }, serverToClient: {} })
    // @ts-expect-error and for subscriptions
    defineContract({
      clientToServer: {},
      serverToClient: {},
      subscriptions: { '$volley:feed': { params: z.object({}), item: z.string() } },
    })
  })

  it('types io.subscription and io.publish with no generics written by hand', () => {
    io.subscription('room:messages', {
      authorize: ({ params, socket }) => {
        expectTypeOf(params).toEqualTypeOf<{ room: string }>()
        expectTypeOf(socket).toEqualTypeOf<VolleySocket<typeof feed, { user: string }>>()
        return socket.data.user !== '' && params.room !== ''
      },
      retention: { count: 100, age: 60_000 },
    })
    io.subscription('room:messages')
    io.subscription('doc', {
      snapshot: ({ params, cursor }) => {
        expectTypeOf(cursor).toEqualTypeOf<string | undefined>()
        return { text: params.doc }
      },
    })
    // @ts-expect-error the contract declares a snapshot: `snapshot` is required
    io.subscription('doc', {})
    // @ts-expect-error and the options too
    io.subscription('doc')
    // @ts-expect-error no snapshot schema: no `snapshot`
    io.subscription('room:messages', { snapshot: () => ({ text: '' }) })
    // @ts-expect-error the snapshot must match its schema
    io.subscription('doc', { snapshot: () => ({ text: 1 }) })
    // @ts-expect-error unknown subscription
    io.subscription('nope')

    expectTypeOf(
      io.publish('room:messages', { room: 'a' }, { room: 'a', n: 1 }),
    ).resolves.toEqualTypeOf<string>()
    // @ts-expect-error wrong item
    void io.publish('room:messages', { room: 'a' }, { room: 'a', n: '1' })
    // @ts-expect-error wrong params
    void io.publish('room:messages', { doc: 'a' }, { room: 'a', n: 1 })
  })

  it('types client.subscribe: the store form and the subscription form', () => {
    expectTypeOf(client.subscribe(() => {})).toEqualTypeOf<Unsubscribe>()
    const messages = client.subscribe(
      'room:messages',
      { room: 'lobby' },
      {
        from: 'start',
        onItems: (items, info) => {
          expectTypeOf(items).toEqualTypeOf<{ room: string; n: number }[]>()
          expectTypeOf(info.replayed).toEqualTypeOf<boolean>()
        },
        onGap: (gap) => expectTypeOf(gap).toEqualTypeOf<SubscriptionGap>(),
      },
    )
    expectTypeOf(messages).toEqualTypeOf<Subscription<typeof feed, 'room:messages'>>()
    expectTypeOf(messages.getSnapshot()).toEqualTypeOf<SubscriptionSnapshot>()
    client.subscribe(
      'doc',
      { doc: 'a' },
      { onSnapshot: (snapshot) => expectTypeOf(snapshot).toEqualTypeOf<{ text: string }>() },
    )
    client.subscribe('room:messages', { room: 'lobby' }, { from: 'abc:42' })
    // @ts-expect-error wrong params
    client.subscribe('room:messages', { doc: 'a' })
    // @ts-expect-error unknown subscription
    client.subscribe('nope', {})
    // @ts-expect-error items are typed
    client.subscribe('room:messages', { room: 'a' }, { onItems: (items: string[]) => items })
  })

  it('types the outbox, idempotent requests and onConnect', () => {
    expectTypeOf(client.request('count', { n: 1 }, { queue: true, key: 'k' })).resolves.toEqualTypeOf<{
      n: number
      runs: number
    }>()
    const item = client.outbox.getSnapshot().items[0]
    expectTypeOf(item).toEqualTypeOf<OutboxItem<typeof feed> | undefined>()
    if (item?.event === 'post') expectTypeOf(item.payload).toEqualTypeOf<{ room: string; n: number }>()
    if (item?.event === 'count') expectTypeOf(item.payload).toEqualTypeOf<{ n: number }>()
    const off = client.onConnect((info) => {
      expectTypeOf(info).toEqualTypeOf<ConnectInfo>()
    })
    expectTypeOf(off).toEqualTypeOf<Unsubscribe>()
    client.onConnect(() => () => {})
    // @ts-expect-error a cleanup is a function
    client.onConnect(() => 42)
  })
})
