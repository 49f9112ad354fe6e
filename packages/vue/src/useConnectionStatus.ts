import type { ContractDefinition } from '@volley/core'
import type { VolleyClient } from '@volley/core/client'
import { shallowReadonly, shallowRef } from 'vue'
import { disposeWithScope, isServer } from './scope'
import type { UseConnectionStatusResult } from './types'

/**
 * Binds the client's connection store to a read-only ref (the implementation behind `useConnectionStatus`).
 *
 * @example
 * const connection = useConnectionStatusWith(client)
 * watchEffect(() => console.log(connection.value.status))
 * @param client - the client
 * @returns a read-only shallow ref of `{ status, id, recovered, lastError, attempt }`
 */
export function useConnectionStatusWith<TContract extends ContractDefinition>(
  client: VolleyClient<TContract>,
): UseConnectionStatusResult {
  const snapshot = shallowRef(client.getSnapshot())
  if (!isServer) {
    const stop = client.subscribe(() => {
      snapshot.value = client.getSnapshot()
    })
    // A change between setup and subscribe would otherwise be missed.
    snapshot.value = client.getSnapshot()
    disposeWithScope('useConnectionStatus', stop)
  }
  return shallowReadonly(snapshot)
}
