import type { ContractDefinition, InferSubscriptionParamsInput, SubscriptionName } from '@volley/core'
import { SubscriptionObserver, type VolleyClient } from '@volley/core/client'
import { isRef, shallowReadonly, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { disposeWithScope, isServer } from './scope'
import type { UseSubscriptionOptions, UseSubscriptionResult } from './types'

/**
 * Binds core's `SubscriptionObserver` to the current effect scope (the implementation behind
 * `useSubscription`): subscribed from setup until the scope is disposed, never on the server; a params
 * ref or getter is followed (core resubscribes only when the value changes).
 *
 * @example
 * const state = useSubscriptionWith(client, 'room:messages', () => ({ room: props.room }), { onItems: append })
 * @param client - the client
 * @param name - a subscription of the contract
 * @param params - its params, or a ref or getter of them
 * @param options - `from` and the handlers `onItems`, `onGap`, `onSnapshot`, `onError`
 * @returns a read-only ref of `{ status, error, gap }`
 */
export function useSubscriptionWith<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
>(
  client: VolleyClient<TContract>,
  name: TName,
  params: MaybeRefOrGetter<InferSubscriptionParamsInput<TContract, TName>>,
  options?: UseSubscriptionOptions<TContract, TName>,
): UseSubscriptionResult {
  const observer = new SubscriptionObserver(client, name, toValue(params), options)
  const state = shallowRef(observer.getSnapshot())
  if (!isServer) {
    const stop = observer.subscribe(() => {
      state.value = observer.getSnapshot()
    })
    state.value = observer.getSnapshot()
    disposeWithScope('useSubscription', stop)
    if (isRef(params) || typeof params === 'function') {
      watch(
        () => toValue(params),
        (next) => observer.setOptions(client, name, next, options),
      )
    }
  }
  return shallowReadonly(state)
}
