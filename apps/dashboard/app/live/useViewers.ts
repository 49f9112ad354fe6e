'use client'
import type { User } from '../../lib/contract'
import { useSocketEvent } from './volley'

/** Who is watching: the server's room membership, first as rendered by the server, then live. */
export function useViewers(initial: User[]): User[] {
  return useSocketEvent('viewers')?.viewers ?? initial
}
