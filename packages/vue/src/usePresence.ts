import type { ContractDefinition, InferPresenceParamsInput, PresenceName } from '@volley/core'
import { PresenceObserver, type VolleyClient } from '@volley/core/client'
import { computed, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { disposeWithScope, isServer } from './scope'
import type { UsePresenceOptions, UsePresenceResult } from './types'

/**
 * Binds core's `PresenceObserver` to the current effect scope (the implementation behind `usePresence`):
 * joined from setup until the scope is disposed, never on the server; params and options given as refs or
 * getters are followed (core sends a meta again only when its value changes, and moves only when the
 * params' value does).
 *
 * @example
 * const { others, update } = usePresenceWith(client, 'room', () => ({ room: props.room }), () => ({ meta: { name, status: status.value } }))
 * @param client - the client
 * @param name - a presence of the contract
 * @param params - its params, or a ref or getter of them
 * @param options - `meta`, `onError`, `enabled`, or a ref or getter of them
 * @returns read-only refs `members`, `others`, `me`, `status`, `error`, and `update`
 */
export function usePresenceWith<TContract extends ContractDefinition, TName extends PresenceName<TContract>>(
  client: VolleyClient<TContract>,
  name: TName,
  params: MaybeRefOrGetter<InferPresenceParamsInput<TContract, TName>>,
  options?: MaybeRefOrGetter<UsePresenceOptions<TContract, TName> | undefined>,
): UsePresenceResult<TContract, TName> {
  const observer = new PresenceObserver(client, name, toValue(params), toValue(options))
  const state = shallowRef(observer.getSnapshot())
  if (!isServer) {
    const stop = observer.subscribe(() => {
      state.value = observer.getSnapshot()
    })
    state.value = observer.getSnapshot()
    disposeWithScope('usePresence', stop)
    watch(
      [() => toValue(params), () => toValue(options)] as const,
      ([nextParams, nextOptions]) => observer.setOptions(client, name, nextParams, nextOptions),
      { deep: true },
    )
  }
  return {
    members: computed(() => state.value.members),
    others: computed(() => state.value.others),
    me: computed(() => state.value.me),
    status: computed(() => state.value.status),
    error: computed(() => state.value.error),
    update: observer.update,
  }
}
