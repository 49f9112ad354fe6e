import type {
  ClientRequestName,
  ContractDefinition,
  InferClientAck,
  InferClientPayloadInput,
  PayloadArgs,
  VolleyError,
} from '@volley/core'
import {
  RequestObserver,
  type ClientRequestOptions,
  type RequestSnapshot,
  type VolleyClient,
} from '@volley/core/client'
import { computed, isRef, shallowRef, toValue, watch, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import { disposeWithScope } from './scope'

/** What `useRequest` returns: actions plus read-only refs of the request's state. */
export interface UseRequestResult<TPayload, TAck> {
  /** Sends the request; the outcome lands in `data` / `error`, never as a rejection. */
  send: (...args: PayloadArgs<TPayload>) => void
  /** Sends the request and resolves to the ack; rejects with `VolleyError`. */
  sendAsync: (...args: PayloadArgs<TPayload>) => Promise<TAck>
  /** Back to `idle`; answers to earlier sends are ignored. */
  reset: () => void
  /** The last successful ack. */
  data: ComputedRef<TAck | undefined>
  /** The last failure. */
  error: ComputedRef<VolleyError | undefined>
  /** `true` while a request is in flight. */
  isPending: ComputedRef<boolean>
  /** `idle`, `pending`, `success` or `error`. */
  status: ComputedRef<RequestSnapshot<TAck>['status']>
}

/**
 * Binds core's `RequestObserver` to Vue refs (the implementation behind `useRequest`).
 *
 * @example
 * const { send, data, error, isPending } = useRequestWith(client, 'message:send', { timeout: 5_000 })
 * @param client - the client
 * @param event - a `clientToServer` event that declares `ack`
 * @param options - `timeout`, as a value, ref or getter (changes are forwarded to the observer)
 * @returns `{ send, sendAsync, reset, data, error, isPending, status }`
 */
export function useRequestWith<
  TContract extends ContractDefinition,
  TEvent extends ClientRequestName<TContract>,
>(
  client: VolleyClient<TContract>,
  event: TEvent,
  options?: MaybeRefOrGetter<ClientRequestOptions | undefined>,
): UseRequestResult<InferClientPayloadInput<TContract, TEvent>, InferClientAck<TContract, TEvent>> {
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
