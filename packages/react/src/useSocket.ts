import type { ContractDefinition } from '@volley/core'
import type { VolleyClient } from '@volley/core/client'
import { useContext, type Context } from 'react'

/** The React context that carries one contract's client. @internal */
export type VolleyContext<TContract extends ContractDefinition> = Context<VolleyClient<TContract> | null>

/**
 * Reads the client from a `VolleyProvider`, or throws an error that says how to fix the tree.
 *
 * @example
 * const client = useSocketFrom(VolleyContext, 'useSocket')
 * @param context - the context created by `createVolleyReact`
 * @param hook - the hook's name, for the error message
 * @returns the client
 * @internal
 */
export function useSocketFrom<TContract extends ContractDefinition>(
  context: VolleyContext<TContract>,
  hook: string,
): VolleyClient<TContract> {
  const client = useContext(context)
  if (client === null) {
    throw new Error(
      `[volley] ${hook}() was called outside its VolleyProvider. Wrap your tree in the <VolleyProvider> returned ` +
        'by the same createVolleyReact(contract) call as this hook, e.g. <VolleyProvider url="http://localhost:3000"><App /></VolleyProvider>.',
    )
  }
  return client
}
