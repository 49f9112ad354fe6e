'use client'
import type { PresenceMember } from '@volley/core'
import { useMemo } from 'react'
import type { User } from '../../lib/contract'
import { usePresence } from './volley'

/** The members of the `viewers` presence, as the server lists them (`io.presence('viewers').list({})`). */
export type ViewerMembers = readonly PresenceMember<{ name: string }>[]

/**
 * Who is watching (the `viewers` presence; the server tracks every connection with its session's name, the
 * page only watches): as the server rendered it, then live.
 */
export function useViewers(initial: ViewerMembers): User[] {
  const { status, members } = usePresence('viewers', {})
  return useMemo(
    () =>
      (status === 'pending' && members.length === 0 ? initial : members)
        .map((member) => ({ id: member.key, name: member.meta.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [status, members, initial],
  )
}
