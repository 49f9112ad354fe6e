import type { ClientRequestName, ContractDefinition, InferServerPayload, ServerEventName } from '@volley/core'
import type { ClientRequestOptions, ConnectionSnapshot, VolleyClient } from '@volley/core/client'
import type { InjectionKey, MaybeRefOrGetter, Plugin, ShallowRef } from 'vue'
import type { InferClientAck, InferClientPayloadInput } from '@volley/core'
import { useConnectionStatusWith } from './useConnectionStatus'
import { useRequestWith, type UseRequestResult } from './useRequest'
import { injectClient } from './useSocket'
import { useSocketEventWith, type SocketEventHandler } from './useSocketEvent'
import { createVolleyPlugin, type VolleyPluginOptions } from './volleyPlugin'

/** The plugin and composables of one contract, typed from it: no generics at the call site. */
export interface VolleyVue<TContract extends ContractDefinition> {
  /** The key under which the plugin provides the client (`inject(volley.injectionKey)`). */
  injectionKey: InjectionKey<VolleyClient<TContract>>
  /** A Vue plugin providing a client (given, or created from options); connects on `app.mount`. */
  plugin: (clientOrOptions?: VolleyClient<TContract> | VolleyPluginOptions<TContract>) => Plugin
  /** Alias of `plugin`, for `app.use(VolleyPlugin({ url }))`. */
  VolleyPlugin: (clientOrOptions?: VolleyClient<TContract> | VolleyPluginOptions<TContract>) => Plugin
  /** The typed client; throws a `[volley]` error outside an app that installed the plugin. */
  useSocket: () => VolleyClient<TContract>
  /** A read-only ref of an event's last payload; `handler` (a function or a ref to one) gets every payload. */
  useSocketEvent: <TEvent extends ServerEventName<TContract>>(
    event: TEvent,
    handler?: SocketEventHandler<InferServerPayload<TContract, TEvent>>,
  ) => Readonly<ShallowRef<InferServerPayload<TContract, TEvent> | undefined>>
  /** A request with `send`, `sendAsync`, `reset` and refs `data`, `error`, `isPending`, `status`. */
  useRequest: <TEvent extends ClientRequestName<TContract>>(
    event: TEvent,
    options?: MaybeRefOrGetter<ClientRequestOptions | undefined>,
  ) => UseRequestResult<InferClientPayloadInput<TContract, TEvent>, InferClientAck<TContract, TEvent>>
  /** A read-only ref of the connection snapshot (`status`, `id`, `recovered`, `lastError`, `attempt`). */
  useConnectionStatus: () => Readonly<ShallowRef<ConnectionSnapshot>>
}

/**
 * Binds Vue to one contract: returns a plugin and composables whose event names, payloads and acks are
 * typed from the contract, so call sites need no generics.
 *
 * @example
 * export const { plugin, useSocket, useSocketEvent, useRequest, useConnectionStatus } = createVolleyVue(chat)
 * createApp(App).use(plugin({ url: 'http://localhost:3000' })).mount('#app')
 * @param contract - from `defineContract`
 * @returns `{ plugin, VolleyPlugin, useSocket, useSocketEvent, useRequest, useConnectionStatus, injectionKey }`
 */
export function createVolleyVue<TContract extends ContractDefinition>(
  contract: TContract,
): VolleyVue<TContract> {
  const injectionKey: InjectionKey<VolleyClient<TContract>> = Symbol('volley')
  const plugin = (clientOrOptions?: VolleyClient<TContract> | VolleyPluginOptions<TContract>): Plugin =>
    createVolleyPlugin(contract, injectionKey, clientOrOptions)
  return {
    injectionKey,
    plugin,
    VolleyPlugin: plugin,
    useSocket: () => injectClient(injectionKey, 'useSocket'),
    useSocketEvent: (event, handler) =>
      useSocketEventWith(injectClient(injectionKey, 'useSocketEvent'), event, handler),
    useRequest: (event, options) => useRequestWith(injectClient(injectionKey, 'useRequest'), event, options),
    useConnectionStatus: () => useConnectionStatusWith(injectClient(injectionKey, 'useConnectionStatus')),
  }
}
