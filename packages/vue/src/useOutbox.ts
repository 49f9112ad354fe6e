import type { ContractDefinition } from '@volley/core'
import type { VolleyClient } from '@volley/core/client'
import { shallowReadonly, shallowRef } from 'vue'
import { disposeWithScope, isServer } from './scope'
import type { UseOutboxResult } from './types'

/**
 * Binds the client's outbox to a read-only ref (the implementation behind `useOutbox`).
 *
 * @example
 * const outbox = useOutboxWith(client)
 * watchEffect(() => console.log(outbox.value.size))
 * @param client - the client
 * @returns a read-only ref of `{ items, size }`
 */
export function useOutboxWith<TContract extends ContractDefinition>(
  client: VolleyClient<TContract>,
): UseOutboxResult<TContract> {
  const snapshot = shallowRef(client.outbox.getSnapshot())
  if (!isServer) {
    const stop = client.outbox.subscribe(() => {
      snapshot.value = client.outbox.getSnapshot()
    })
    snapshot.value = client.outbox.getSnapshot()
    disposeWithScope('useOutbox', stop)
  }
  return shallowReadonly(snapshot)
}
