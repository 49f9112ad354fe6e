import type { ContractDefinition } from '@volley/core'
import type { VolleyClient } from '@volley/core/client'
import { useEffect, useRef } from 'react'
import type { UseOnConnectListener } from './types'
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect'

/**
 * Binds `client.onConnect` to a component: the latest `listener` runs on every connection while the
 * component is mounted (at once if already connected), and the cleanup it returns runs when that
 * connection drops.
 *
 * @example
 * useOnConnectOf(client, ({ recovered }) => { if (!recovered) reload() })
 * @param client - the client of the provider
 * @param listener - receives `{ id, recovered, reconnected }`; may return a cleanup
 * @internal `createVolleyReact` exposes it as `useOnConnect(listener)`.
 */
export function useOnConnectOf<TContract extends ContractDefinition>(
  client: VolleyClient<TContract>,
  listener: UseOnConnectListener,
): void {
  const listenerRef = useRef(listener)
  useIsomorphicLayoutEffect(() => {
    listenerRef.current = listener
  })
  useEffect(() => client.onConnect((info) => listenerRef.current(info)), [client])
}
