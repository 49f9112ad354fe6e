import type { ContractDefinition } from '@volley/core'
import type { ConnectionSnapshot, VolleyClient } from '@volley/core/client'
import { shallowReadonly, shallowRef, type ShallowRef } from 'vue'
import { disposeWithScope, isServer } from './scope'

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
): Readonly<ShallowRef<ConnectionSnapshot>> {
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
