import type { ContractDefinition, ServerEventName } from '@volley/core'
import type { VolleyClient } from '@volley/core/client'
import { useEffect, useRef, useSyncExternalStore } from 'react'
import type { UseSocketEventHandler, UseSocketEventResult } from './types'
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect'

/**
 * Binds `client.observe(event)` to React: returns the last payload and calls the latest `handler` for
 * each new one. The handler lives in a ref, so a new handler on each render never re-subscribes.
 *
 * @example
 * const last = useSocketEventOf(client, 'message:new', (message) => append(message))
 * @param client - the client of the provider
 * @param event - a `serverToClient` event
 * @param handler - optional; called once per payload with the latest render's closure
 * @returns the last payload, `undefined` before the first
 * @internal `createVolleyReact` exposes it as `useSocketEvent(event, handler)`.
 */
export function useSocketEventOf<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
>(
  client: VolleyClient<TContract>,
  event: TEvent,
  handler?: UseSocketEventHandler<TContract, TEvent>,
): UseSocketEventResult<TContract, TEvent> {
  const observer = client.observe(event)
  const handlerRef = useRef(handler)
  useIsomorphicLayoutEffect(() => {
    handlerRef.current = handler
  })
  useEffect(
    () =>
      observer.subscribe(() => {
        const { data } = observer.getSnapshot()
        handlerRef.current?.(data as Parameters<UseSocketEventHandler<TContract, TEvent>>[0])
      }),
    [observer],
  )
  return useSyncExternalStore(observer.subscribe, observer.getSnapshot, observer.getSnapshot).data
}
