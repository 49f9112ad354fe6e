import type { ContractDefinition } from '@volley/core'
import type { VolleyClient } from '@volley/core/client'
import { hasInjectionContext, inject, type InjectionKey } from 'vue'

/**
 * Reads the client that the Volley plugin provided (the implementation behind `useSocket`).
 *
 * @example
 * const client = injectClient(key, 'useSocket')
 * @param key - the injection key of a `createVolleyVue` binding
 * @param name - the calling composable, for the error message
 * @returns the client
 * @throws Error starting with `[volley]` outside an app that installed the plugin
 */
export function injectClient<TContract extends ContractDefinition>(
  key: InjectionKey<VolleyClient<TContract>>,
  name: string,
): VolleyClient<TContract> {
  const client = hasInjectionContext() ? inject(key, null) : null
  if (client === null) {
    throw new Error(
      `[volley] ${name}() found no Volley client. Install the plugin on your app, ` +
        '`app.use(volley.plugin({ url }))` (where `const volley = createVolleyVue(contract)`), ' +
        'and call composables inside setup() of a component of that app.',
    )
  }
  return client
}
