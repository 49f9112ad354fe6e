import type { PresenceMember, VolleyError } from '@volley/core'
import { describe, expectTypeOf, it } from 'vitest'
import { createVolleyReact, type UsePresenceResult } from '../src/index'
import { lounge } from './presenceContract'

const { usePresence } = createVolleyReact(lounge)
type Meta = { name: string; status: 'online' | 'away' }

describe('usePresence types', () => {
  it('infers params, meta and members from the contract, with no generics at the call site', () => {
    const presence = usePresence('room', { room: 'lobby' }, { meta: { name: 'Ada', status: 'online' } })
    expectTypeOf(presence).toEqualTypeOf<UsePresenceResult<typeof lounge, 'room'>>()
    expectTypeOf(presence.others).toEqualTypeOf<readonly PresenceMember<Meta>[]>()
    expectTypeOf(presence.members).toEqualTypeOf<readonly PresenceMember<Meta>[]>()
    expectTypeOf(presence.me).toEqualTypeOf<PresenceMember<Meta> | undefined>()
    expectTypeOf(presence.update).toEqualTypeOf<(meta: Meta) => Promise<void>>()
    expectTypeOf(presence.status).toEqualTypeOf<'pending' | 'live' | 'error' | 'closed'>()
    expectTypeOf(presence.error).toEqualTypeOf<VolleyError | undefined>()
    usePresence(
      'room',
      { room: 'lobby' },
      { enabled: false, onError: (error) => expectTypeOf(error).toEqualTypeOf<VolleyError>() },
    )
    // @ts-expect-error not a status of the contract
    usePresence('room', { room: 'lobby' }, { meta: { name: 'Ada', status: 'asleep' } })
    // @ts-expect-error params are { room: string }
    usePresence('room', { room: 1 })
    // @ts-expect-error not a presence of the contract
    usePresence('lobby', { room: 'x' })
    // @ts-expect-error update takes a whole meta
    void presence.update({ status: 'away' })
  })
})
