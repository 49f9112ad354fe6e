import type { ClientRequestName, ContractDefinition, InferClientPayloadInput } from '@volley/core'
import { RequestObserver, type VolleyClient } from '@volley/core/client'
import { computed, isRef, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { disposeWithScope } from './scope'
import type { UseRequestOptions, UseRequestResult } from './types'

/**
 * Binds core's `RequestObserver` to Vue refs (the implementation behind `useRequest`).
 *
 * @example
 * const { send, data, error, isPending } = useRequestWith(client, 'message:send', { timeout: 5_000 })
 * @param client - the client
 * @param event - a `clientToServer` event that declares `ack`
 * @param options - `timeout`, `signal`, `queue`, `key`, as a value, ref or getter (changes are forwarded to the observer)
 * @returns `{ send, sendAsync, reset, data, error, isPending, status }`
 */
export function useRequestWith<
  TContract extends ContractDefinition,
  TEvent extends ClientRequestName<TContract>,
>(
  client: VolleyClient<TContract>,
  event: TEvent,
  options?: MaybeRefOrGetter<UseRequestOptions | undefined>,
): UseRequestResult<TContract, TEvent> {
  const observer = new RequestObserver(client, event, toValue(options))
  const state = shallowRef(observer.getSnapshot())
  const stop = observer.subscribe(() => {
    state.value = observer.getSnapshot()
  })
  disposeWithScope('useRequest', stop)
  if (isRef(options) || typeof options === 'function') {
    watch(
      () => toValue(options),
      (next) => observer.setOptions(client, event, next),
    )
  }
  return {
    send: (...args) => observer.send(args[0] as InferClientPayloadInput<TContract, TEvent>),
    sendAsync: (...args) => observer.sendAsync(args[0] as InferClientPayloadInput<TContract, TEvent>),
    reset: () => observer.reset(),
    data: computed(() => state.value.data),
    error: computed(() => state.value.error),
    isPending: computed(() => state.value.isPending),
    status: computed(() => state.value.status),
  }
}
