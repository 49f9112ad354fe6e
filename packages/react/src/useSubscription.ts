import type { ContractDefinition, InferSubscriptionParamsInput, SubscriptionName } from '@volley/core'
import { SubscriptionObserver, type VolleyClient } from '@volley/core/client'
import { useState, useSyncExternalStore } from 'react'
import type { UseSubscriptionOptions, UseSubscriptionResult } from './types'
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect'

/**
 * Binds core's `SubscriptionObserver` to React: one observer per component, subscribed while the
 * component is mounted (`useSyncExternalStore`), the latest params and handlers forwarded after each
 * render. Core shares the server-side subscription and releases it after `releaseDelay`, so StrictMode's
 * double mount opens one.
 *
 * @example
 * const { status } = useSubscriptionOf(client, 'room:messages', { room }, { onItems: append })
 * @param client - the client of the provider
 * @param name - a subscription of the contract
 * @param params - its params (a new object with the same values does not resubscribe)
 * @param options - `from` and the handlers `onItems`, `onGap`, `onSnapshot`, `onError`
 * @returns the subscription's state
 * @internal `createVolleyReact` exposes it as `useSubscription(name, params, options)`.
 */
export function useSubscriptionOf<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
>(
  client: VolleyClient<TContract>,
  name: TName,
  params: InferSubscriptionParamsInput<TContract, TName>,
  options?: UseSubscriptionOptions<TContract, TName>,
): UseSubscriptionResult {
  const [observer] = useState(() => new SubscriptionObserver(client, name, params, options))
  useIsomorphicLayoutEffect(() => {
    observer.setOptions(client, name, params, options)
  })
  return useSyncExternalStore(observer.subscribe, observer.getSnapshot, observer.getSnapshot)
}
