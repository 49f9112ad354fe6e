import type { ContractDefinition } from '@volley/core'
import { createClient, type CreateClientOptions, type VolleyClient } from '@volley/core/client'
import type { App, InjectionKey, Plugin } from 'vue'

/** Options for `volley.plugin(...)`: the server `url` (omit for the page's origin) and any `createClient` option. */
export interface VolleyPluginOptions<
  TContract extends ContractDefinition,
> extends CreateClientOptions<TContract> {
  /** The server (with a namespace path if needed). Defaults to the page's origin. */
  url?: string
}

/**
 * Creates the Vue plugin that provides a client to an app. The connection opens when the app mounts
 * (`client.retain()` inside `app.mount`), never during server rendering, and is released on `app.unmount()`.
 *
 * @example
 * app.use(createVolleyPlugin(chat, key, { url: 'http://localhost:3000' }))
 * @param contract - the contract (used when the plugin creates the client)
 * @param key - the injection key the composables read
 * @param clientOrOptions - a client (create it with `autoConnect: false` if you render on the server) or options to create one
 * @returns a Vue plugin
 */
export function createVolleyPlugin<TContract extends ContractDefinition>(
  contract: TContract,
  key: InjectionKey<VolleyClient<TContract>>,
  clientOrOptions: VolleyClient<TContract> | VolleyPluginOptions<TContract> = {},
): Plugin {
  return {
    install(app: App) {
      let client: VolleyClient<TContract>
      // Duck-typed rather than `instanceof`, so a client from another copy of @volley/core still counts.
      if (typeof (clientOrOptions as Partial<VolleyClient<TContract>>).retain === 'function') {
        client = clientOrOptions as VolleyClient<TContract>
      } else {
        const { url, ...options } = clientOrOptions as VolleyPluginOptions<TContract>
        const resolved = { ...options, autoConnect: false }
        client = url === undefined ? createClient(contract, resolved) : createClient(contract, url, resolved)
      }
      app.provide(key, client)
      let release: (() => void) | undefined
      const mount = app.mount
      app.mount = (...args: Parameters<App['mount']>) => {
        release ??= client.retain()
        return mount(...args)
      }
      app.onUnmount(() => {
        release?.()
        release = undefined
      })
    },
  }
}
