import type { ContractDefinition } from '@volley/core'

/**
 * The key the running Volley server is registered under on `globalThis`. `Symbol.for` returns the same
 * symbol in every copy of this module, so the custom server (compiled once) and the route code that Next
 * bundles separately (its own copy of `@volley/next`, `@volley/core` and the contract) find the same server.
 * @internal
 */
export const SERVER_KEY: unique symbol = Symbol.for('@volley/next.server') as never

/** What the custom server registers. @internal */
export interface RegisteredServer {
  /** The Volley server (an instance of the custom server's copy of `VolleyServer`). */
  readonly io: { readonly contract: ContractDefinition }
  /** Where it listens, for messages. */
  readonly url: string
}

type WithRegistry = typeof globalThis & { [SERVER_KEY]?: RegisteredServer }

/**
 * Registers the running server for `getVolley`; returns the function that removes it again.
 * @internal
 */
export function registerServer(entry: RegisteredServer): () => void {
  const global = globalThis as WithRegistry
  global[SERVER_KEY] = entry
  return () => {
    if (global[SERVER_KEY] === entry) delete global[SERVER_KEY]
  }
}

/** The registered server, if a custom server runs in this process. @internal */
export function registeredServer(): RegisteredServer | undefined {
  return (globalThis as WithRegistry)[SERVER_KEY]
}
