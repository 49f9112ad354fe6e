import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import {
  defineContract,
  type InferPresenceMeta,
  type InferPresenceMetaInput,
  type InferPresenceParams,
  type PresenceMember,
  type PresenceName,
} from '../src/index'
import { type createServer, type VolleyPresence } from '../src/server/index'
import { type createClient, type Presence, type PresenceSnapshot } from '../src/client/index'
import { type chat, type lounge } from './fixtures'

type Meta = { name: string; status: 'online' | 'away' }

declare const io: ReturnType<typeof createServer<typeof lounge, { id: string }>>
declare const client: ReturnType<typeof createClient<typeof lounge>>

describe('presence types', () => {
  it('infers names, params and metas from the contract', () => {
    expectTypeOf<PresenceName<typeof lounge>>().toEqualTypeOf<'room'>()
    expectTypeOf<PresenceName<typeof chat>>().toEqualTypeOf<never>()
    expectTypeOf<InferPresenceParams<typeof lounge, 'room'>>().toEqualTypeOf<{ room: string }>()
    expectTypeOf<InferPresenceMeta<typeof lounge, 'room'>>().toEqualTypeOf<Meta>()
    const transforming = defineContract({
      clientToServer: {},
      serverToClient: {},
      presence: { t: { params: z.object({}), meta: z.string().transform((s) => s.length) } },
    })
    expectTypeOf<InferPresenceMetaInput<typeof transforming, 't'>>().toEqualTypeOf<string>()
    expectTypeOf<InferPresenceMeta<typeof transforming, 't'>>().toEqualTypeOf<number>()
  })

  it('refuses presence names with the $volley: prefix at compile time', () => {
    // @ts-expect-error the protocol prefix is reserved for presence too
    defineContract({
      clientToServer: {},
      serverToClient: {},
      presence: { '$volley:room': { params: z.object({}), meta: z.object({}) } },
    })
  })

  it('types io.presence, its options and its handle with no generics written by hand', () => {
    const rooms = io.presence('room', {
      key: (socket) => {
        expectTypeOf(socket.auth).toEqualTypeOf<{ user: string }>()
        expectTypeOf(socket.data).toEqualTypeOf<{ id: string }>()
        return socket.data.id
      },
      authorize: ({ params, meta }) => {
        expectTypeOf(meta).toEqualTypeOf<Meta | undefined>()
        return params.room !== 'staff'
      },
    })
    expectTypeOf(rooms).toEqualTypeOf<VolleyPresence<typeof lounge, 'room', { id: string }>>()
    expectTypeOf(rooms.list).returns.resolves.toEqualTypeOf<PresenceMember<Meta>[]>()
    io.on('connection', (socket) => {
      void rooms.track(socket, { room: 'lobby' }, { name: 'Ada', status: 'online' })
      // @ts-expect-error not a status of the contract
      void rooms.track(socket, { room: 'lobby' }, { name: 'Ada', status: 'asleep' })
      // @ts-expect-error params are { room }
      void rooms.untrack(socket, { lobby: 'x' })
      expectTypeOf(rooms.update(socket, { room: 'a' }, { name: 'A', status: 'away' })).resolves.toBeBoolean()
    })
    // @ts-expect-error not a presence of the contract
    io.presence('lobby')
    // @ts-expect-error the key is a string
    io.presence('room', { key: () => 42 })
  })

  it('types client.presence, its snapshot and update', () => {
    const lobby = client.presence('room', { room: 'lobby' }, { meta: { name: 'Ada', status: 'online' } })
    expectTypeOf(lobby).toEqualTypeOf<Presence<typeof lounge, 'room'>>()
    expectTypeOf(lobby.getSnapshot()).toEqualTypeOf<PresenceSnapshot<Meta>>()
    expectTypeOf(lobby.getSnapshot().others[0]!.meta.status).toEqualTypeOf<'online' | 'away'>()
    expectTypeOf(lobby.getSnapshot().me).toEqualTypeOf<PresenceMember<Meta> | undefined>()
    expectTypeOf(lobby.update).parameter(0).toEqualTypeOf<Meta>()
    // @ts-expect-error not a status of the contract
    void lobby.update({ name: 'Ada', status: 'asleep' })
    // @ts-expect-error params are { room }
    client.presence('room', { name: 'lobby' })
    // @ts-expect-error not a presence of the contract
    client.presence('lobby', { room: 'x' })
    // @ts-expect-error the meta has a name
    client.presence('room', { room: 'x' }, { meta: { status: 'away' } })
  })
})
