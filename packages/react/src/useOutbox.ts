import type { ContractDefinition } from '@volley/core'
import type { VolleyClient } from '@volley/core/client'
import { useSyncExternalStore } from 'react'
import type { UseOutboxResult } from './types'

/**
 * Binds the client's outbox to React; re-renders when a request is queued, sent or answered.
 *
 * @example
 * const { size } = useOutboxOf(client)
 * @param client - the client of the provider
 * @returns the outbox snapshot, `{ items, size }`
 * @internal `createVolleyReact` exposes it as `useOutbox()`.
 */
export function useOutboxOf<TContract extends ContractDefinition>(
  client: VolleyClient<TContract>,
): UseOutboxResult<TContract> {
  return useSyncExternalStore(client.outbox.subscribe, client.outbox.getSnapshot, client.outbox.getSnapshot)
}
