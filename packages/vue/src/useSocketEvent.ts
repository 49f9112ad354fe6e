import type { ContractDefinition, InferServerPayload, ServerEventName } from '@volley/core'
import type { VolleyClient } from '@volley/core/client'
import { isRef, shallowReadonly, shallowRef, type Ref } from 'vue'
import { disposeWithScope, isServer } from './scope'
import type { UseSocketEventHandler, UseSocketEventResult } from './types'

/**
 * Binds one server-to-client event to a read-only ref of its last payload (the implementation behind
 * `useSocketEvent`).
 *
 * @example
 * const last = useSocketEventWith(client, 'message:new', (message) => messages.push(message))
 * @param client - the client
 * @param event - a `serverToClient` event
 * @param handler - called with every payload: a function, or a ref to one (the latest value is called)
 * @returns a read-only shallow ref of the last payload (`undefined` before the first)
 */
export function useSocketEventWith<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
>(
  client: VolleyClient<TContract>,
  event: TEvent,
  handler?:
    UseSocketEventHandler<TContract, TEvent> | Ref<UseSocketEventHandler<TContract, TEvent> | undefined>,
): UseSocketEventResult<TContract, TEvent> {
  const observer = client.observe(event)
  const data = shallowRef(observer.getSnapshot().data)
  if (!isServer) {
    const stop = observer.subscribe(() => {
      const payload = observer.getSnapshot().data as InferServerPayload<TContract, TEvent>
      data.value = payload
      const latest = isRef(handler) ? handler.value : handler
      latest?.(payload)
    })
    disposeWithScope('useSocketEvent', stop)
  }
  return shallowReadonly(data)
}
