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
  /**
   * The key under which the plugin provides the client.
   *
   * @example
   * const client = inject(volley.injectionKey)
   */
  injectionKey: InjectionKey<VolleyClient<TContract>>
  /**
   * A Vue plugin that provides a client to the app: the one given, or one created from options with
   * `autoConnect: false`. It connects on `app.mount` (never during server rendering) and releases the
   * connection on `app.unmount`.
   *
   * @example
   * createApp(App).use(plugin({ url: 'http://localhost:3000' })).mount('#app')
   * @param clientOrOptions - a client from `createClient`, or `{ url, ...createClient options }`
   * @returns the plugin
   */
  plugin: (clientOrOptions?: VolleyClient<TContract> | VolleyPluginOptions<TContract>) => Plugin
  /**
   * Alias of `plugin`.
   *
   * @example
   * app.use(VolleyPlugin({ url: 'http://localhost:3000' }))
   * @param clientOrOptions - a client, or options to create one
   * @returns the plugin
   */
  VolleyPlugin: (clientOrOptions?: VolleyClient<TContract> | VolleyPluginOptions<TContract>) => Plugin
  /**
   * The typed client the plugin provides, for `emit`, `on` and `raw`.
   *
   * @example
   * const socket = useSocket()
   * socket.emit('typing', { room })
   * @returns the client; throws a `[volley]` error outside an app that installed the plugin
   */
  useSocket: () => VolleyClient<TContract>
  /**
   * The last payload of a server-to-client event, as a read-only ref; unsubscribes when the scope is disposed.
   *
   * @example
   * const last = useSocketEvent('message:new', (message) => messages.value.push(message))
   * @param event - a `serverToClient` event of the contract
   * @param handler - optional; a function or a ref to one, called with every validated payload
   * @returns a read-only shallow ref, `undefined` before the first payload (and on the server)
   */
  useSocketEvent: <TEvent extends ServerEventName<TContract>>(
    event: TEvent,
    handler?: SocketEventHandler<InferServerPayload<TContract, TEvent>>,
  ) => Readonly<ShallowRef<InferServerPayload<TContract, TEvent> | undefined>>
  /**
   * Sends a request (a `clientToServer` event that declares `ack`) and tracks its state in refs.
   *
   * @example
   * const { send, data, error, isPending } = useRequest('message:send', { timeout: 5_000 })
   * send({ room: 'lobby', text: 'hi' })
   * @param event - a `clientToServer` event with `ack` (fire-and-forget events do not compile)
   * @param options - `timeout` and `signal`, as for `client.request` (a ref or getter is followed)
   * @returns `send` (never rejects), `sendAsync`, `reset`, and read-only refs `data`, `error`, `isPending`, `status`
   */
  useRequest: <TEvent extends ClientRequestName<TContract>>(
    event: TEvent,
    options?: MaybeRefOrGetter<ClientRequestOptions | undefined>,
  ) => UseRequestResult<InferClientPayloadInput<TContract, TEvent>, InferClientAck<TContract, TEvent>>
  /**
   * The connection snapshot as a read-only ref; it changes only when the connection does.
   *
   * @example
   * const connection = useConnectionStatus()
   * const offline = computed(() => connection.value.status !== 'connected')
   * @returns a read-only shallow ref of `{ status, id, recovered, lastError, attempt }`
   */
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
