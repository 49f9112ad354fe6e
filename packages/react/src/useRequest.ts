import type { ClientRequestName, ContractDefinition, InferClientPayloadInput } from '@volley/core'
import { RequestObserver, type VolleyClient } from '@volley/core/client'
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { UseRequestOptions, UseRequestResult } from './types'

/**
 * Binds a `RequestObserver` to React: one observer per component, the latest arguments forwarded with
 * `setOptions` after each render, the state read with `useSyncExternalStore`.
 *
 * @example
 * const { send, data, error, isPending } = useRequestOf(client, 'message:send', { timeout: 5_000 })
 * @param client - the client of the provider
 * @param event - a `clientToServer` event that declares `ack`
 * @param options - `timeout` and `signal`, as for `client.request`
 * @returns `{ status, data, error, isPending, send, sendAsync, reset }`
 * @internal `createVolleyReact` exposes it as `useRequest(event, options)`.
 */
export function useRequestOf<
  TContract extends ContractDefinition,
  TEvent extends ClientRequestName<TContract>,
>(
  client: VolleyClient<TContract>,
  event: TEvent,
  options?: UseRequestOptions,
): UseRequestResult<TContract, TEvent> {
  const [observer] = useState(() => new RequestObserver(client, event, options))
  useEffect(() => {
    observer.setOptions(client, event, options)
  }, [observer, client, event, options])
  const snapshot = useSyncExternalStore(observer.subscribe, observer.getSnapshot, observer.getSnapshot)
  const actions = useMemo(() => {
    type Payload = InferClientPayloadInput<TContract, TEvent>
    return {
      send: (...args: [payload?: Payload]) => observer.send(args[0] as Payload),
      sendAsync: (...args: [payload?: Payload]) => observer.sendAsync(args[0] as Payload),
      reset: () => observer.reset(),
    }
  }, [observer])
  return useMemo(() => ({ ...snapshot, ...actions }), [snapshot, actions])
}
