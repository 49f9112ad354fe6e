import type { ContractDefinition, InferPresenceParamsInput, PresenceName } from '@volley/core'
import { PresenceObserver, type VolleyClient } from '@volley/core/client'
import { useMemo, useState, useSyncExternalStore } from 'react'
import type { UsePresenceOptions, UsePresenceResult } from './types'
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect'

/**
 * Binds core's `PresenceObserver` to React: one observer per component, joined while the component is
 * mounted (`useSyncExternalStore`), the latest params and meta forwarded after each render (core sends a
 * meta again only when its value changes). Core shares the topic and leaves it after `releaseDelay`, so
 * StrictMode's double mount tracks once.
 *
 * @example
 * const { others, me, update } = usePresenceOf(client, 'room', { room }, { meta: { name, status } })
 * @param client - the client of the provider
 * @param name - a presence of the contract
 * @param params - the topic's params (a new object with the same values does not move)
 * @param options - `meta`, `onError`, `enabled`
 * @returns the topic's members (`members`, `others`, `me`), `status`, `error` and `update`
 * @internal `createVolleyReact` exposes it as `usePresence(name, params, options)`.
 */
export function usePresenceOf<TContract extends ContractDefinition, TName extends PresenceName<TContract>>(
  client: VolleyClient<TContract>,
  name: TName,
  params: InferPresenceParamsInput<TContract, TName>,
  options?: UsePresenceOptions<TContract, TName>,
): UsePresenceResult<TContract, TName> {
  const [observer] = useState(() => new PresenceObserver(client, name, params, options))
  useIsomorphicLayoutEffect(() => {
    observer.setOptions(client, name, params, options)
  })
  const snapshot = useSyncExternalStore(observer.subscribe, observer.getSnapshot, observer.getSnapshot)
  return useMemo(() => ({ ...snapshot, update: observer.update }), [snapshot, observer])
}
