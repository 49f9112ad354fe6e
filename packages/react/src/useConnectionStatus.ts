import type { ContractDefinition } from '@volley/core'
import type { VolleyClient } from '@volley/core/client'
import { useSyncExternalStore } from 'react'
import type { UseConnectionStatusResult } from './types'

/**
 * Binds the client's connection store to React; re-renders only when the snapshot changes.
 *
 * @example
 * const { status } = useConnectionStatusOf(client)
 * @param client - the client of the provider
 * @returns the connection snapshot (the server render sees the client's initial snapshot)
 * @internal `createVolleyReact` exposes it as `useConnectionStatus()`.
 */
export function useConnectionStatusOf<TContract extends ContractDefinition>(
  client: VolleyClient<TContract>,
): UseConnectionStatusResult {
  return useSyncExternalStore(client.subscribe, client.getSnapshot, client.getSnapshot)
}
