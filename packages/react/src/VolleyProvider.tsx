import type { ContractDefinition } from '@volley/core'
import { createClient, type VolleyClient } from '@volley/core/client'
import { useEffect, useRef, type JSX } from 'react'
import type { VolleyProviderProps } from './types'
import type { VolleyContext } from './useSocket'

/**
 * Builds the `VolleyProvider` of one contract: it provides a client to the hooks below it and retains
 * it while mounted. Retaining is what connects; the release disconnects after core's `releaseDelay`
 * unless something retains again, so StrictMode's double effects and hot reloads keep one connection.
 * Nothing connects during a server render, because effects do not run there.
 *
 * @example
 * const VolleyProvider = createVolleyProvider(chat, VolleyContext)
 * @param contract - the contract, to create the client when the provider gets a `url`
 * @param context - the context its hooks read
 * @returns the provider component
 * @internal `createVolleyReact` returns it.
 */
export function createVolleyProvider<TContract extends ContractDefinition>(
  contract: TContract,
  context: VolleyContext<TContract>,
): (props: VolleyProviderProps<TContract>) => JSX.Element {
  function VolleyProvider(props: VolleyProviderProps<TContract>): JSX.Element {
    const own = useRef<{ url: string | undefined; client: VolleyClient<TContract> } | null>(null)
    if (props.client === undefined && (own.current === null || own.current.url !== props.url)) {
      // Created lazily, again only when `url` changes, and never connected here: the effect below connects
      // it (and releases the previous one), so server rendering and StrictMode open no extra connection.
      own.current = {
        url: props.url,
        client: createClient(contract, props.url, { ...props.options, autoConnect: false }),
      }
    }
    const client = props.client ?? (own.current as { client: VolleyClient<TContract> }).client
    useEffect(() => client.retain(), [client])
    return <context.Provider value={client}>{props.children}</context.Provider>
  }
  return VolleyProvider
}
