import type { ContractDefinition } from '@volley/core'
import type { VolleyClient } from '@volley/core/client'
import { disposeWithScope, isServer } from './scope'
import type { UseOnConnectListener } from './types'

/**
 * Binds `client.onConnect` to the current effect scope (the implementation behind `useOnConnect`): the
 * listener runs on every connection until the scope is disposed, never on the server.
 *
 * @example
 * useOnConnectWith(client, ({ recovered }) => { if (!recovered) void join() })
 * @param client - the client
 * @param listener - receives `{ id, recovered, reconnected }`; may return a cleanup
 */
export function useOnConnectWith<TContract extends ContractDefinition>(
  client: VolleyClient<TContract>,
  listener: UseOnConnectListener,
): void {
  if (isServer) return
  disposeWithScope('useOnConnect', client.onConnect(listener))
}
