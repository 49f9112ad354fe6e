import type { ContractDefinition } from '@volley/core'
import type { VolleyClient } from '@volley/core/client'
import type { InjectionKey, Plugin } from 'vue'
import type { VolleyVue } from './types'
import { useConnectionStatusWith } from './useConnectionStatus'
import { useOnConnectWith } from './useOnConnect'
import { useOutboxWith } from './useOutbox'
import { usePresenceWith } from './usePresence'
import { useRequestWith } from './useRequest'
import { injectClient } from './useSocket'
import { useSocketEventWith } from './useSocketEvent'
import { useSubscriptionWith } from './useSubscription'
import { createVolleyPlugin, type VolleyPluginOptions } from './volleyPlugin'

/**
 * Binds Vue to one contract: returns a plugin and composables whose event names, payloads and acks are
 * typed from the contract, so call sites need no generics.
 *
 * @example
 * export const { plugin, useSocket, useSocketEvent, useRequest, useConnectionStatus } = createVolleyVue(chat)
 * createApp(App).use(plugin({ url: 'http://localhost:3000' })).mount('#app')
 * @param contract - from `defineContract`
 * @returns `{ plugin, VolleyPlugin, useSocket, useSocketEvent, useRequest, useConnectionStatus, useSubscription,
 *   useOutbox, useOnConnect, usePresence, injectionKey }`
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
    useSubscription: (name, params, options) =>
      useSubscriptionWith(injectClient(injectionKey, 'useSubscription'), name, params, options),
    useOutbox: () => useOutboxWith(injectClient(injectionKey, 'useOutbox')),
    useOnConnect: (listener) => useOnConnectWith(injectClient(injectionKey, 'useOnConnect'), listener),
    usePresence: (name, params, options) =>
      usePresenceWith(injectClient(injectionKey, 'usePresence'), name, params, options),
  }
}
