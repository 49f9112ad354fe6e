import type { ContractDefinition } from '@volley/core'
import { registerServer } from '../registry'

/**
 * Registers a Volley server that you attach and start yourself (without `serve`), so that `getVolley` finds
 * it in Route Handlers and Server Actions. `serve` does this for you.
 *
 * @example
 * io.attach(httpServer)
 * const unregister = registerVolley(io, { url: 'http://localhost:3000' })
 * @param io - the Volley server (from `createServer`)
 * @param options - `url`, shown in error messages. Defaults to `'(this process)'`.
 * @returns a function that removes the registration
 */
export function registerVolley(
  io: { readonly contract: ContractDefinition },
  options: { url?: string } = {},
): () => void {
  return registerServer({ io, url: options.url ?? '(this process)' })
}
