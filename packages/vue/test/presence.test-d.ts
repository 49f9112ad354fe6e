import type { PresenceMember } from '@volley/core'
import type { ComputedRef } from 'vue'
import { ref } from 'vue'
import { describe, expectTypeOf, it } from 'vitest'
import { createVolleyVue, type UsePresenceResult } from '../src/index'
import { lounge } from './presenceContract'

const { usePresence } = createVolleyVue(lounge)
type Meta = { name: string; status: 'online' | 'away' }

describe('usePresence types', () => {
  it('infers params, meta and members from the contract; refs and getters are accepted', () => {
    const status = ref<'online' | 'away'>('online')
    const presence = usePresence(
      'room',
      () => ({ room: 'lobby' }),
      () => ({ meta: { name: 'Ada', status: status.value } }),
    )
    expectTypeOf(presence).toEqualTypeOf<UsePresenceResult<typeof lounge, 'room'>>()
    expectTypeOf(presence.others).toEqualTypeOf<ComputedRef<readonly PresenceMember<Meta>[]>>()
    expectTypeOf(presence.me).toEqualTypeOf<ComputedRef<PresenceMember<Meta> | undefined>>()
    expectTypeOf(presence.update).toEqualTypeOf<(meta: Meta) => Promise<void>>()
    usePresence('room', ref({ room: 'lobby' }), { enabled: false })
    // @ts-expect-error not a status of the contract
    usePresence('room', { room: 'lobby' }, { meta: { name: 'Ada', status: 'asleep' } })
    // @ts-expect-error params are { room: string }
    usePresence('room', { room: 1 })
    // @ts-expect-error not a presence of the contract
    usePresence('lobby', { room: 'x' })
  })
})
