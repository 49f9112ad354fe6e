'use client'
import type { PresenceMember } from '@volley/core'
import { useMemo } from 'react'
import type { User } from '../../lib/contract'
import { usePresence } from './volley'

/** The members of the `viewers` presence, as the server lists them (`io.presence('viewers').list({})`). */
export type ViewerMembers = readonly PresenceMember<{ name: string }>[]

/** Who is watching (the `viewers` presence), this page present as `me`: as the server rendered it, then live. */
export function useViewers(initial: ViewerMembers, me: User): User[] {
  const { status, members } = usePresence('viewers', {}, { meta: { name: me.name } })
  return useMemo(
    () =>
      (status === 'pending' && members.length === 0 ? initial : members)
        .map((member) => ({ id: member.key, name: member.meta.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [status, members, initial],
  )
}
