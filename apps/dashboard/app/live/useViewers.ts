'use client'
import { useMemo } from 'react'
import type { User } from '../../lib/contract'
import { viewerList } from '../../lib/viewerList'
import { usePresence } from './volley'

/**
 * Who is watching (the `viewers` presence), with this page present under `me`: as the server rendered it
 * until the first state, then live.
 */
export function useViewers(initial: User[], me: User): User[] {
  const { status, members } = usePresence('viewers', {}, { meta: { name: me.name } })
  return useMemo(
    () => (status === 'pending' && members.length === 0 ? initial : viewerList(members)),
    [status, members, initial],
  )
}
