import type { ContractDefinition } from '@volley/core'
import type { VolleyServer } from '@volley/core/server'
import { whyNoServer } from './diagnose'
import { registeredServer } from './registry'

function names(events: object): string[] {
  return Object.keys(events).sort()
}

function sameEvents(a: ContractDefinition, b: ContractDefinition): boolean {
  const same = (x: string[], y: string[]): boolean =>
    x.length === y.length && x.every((name, i) => name === y[i])
  return (
    same(names(a.clientToServer), names(b.clientToServer)) &&
    same(names(a.serverToClient), names(b.serverToClient))
  )
}

/**
 * The Volley server of your custom server, typed by the contract you pass: emit from Route Handlers,
 * Server Actions and Server Components. Next bundles route code with its own copies of your modules, so
 * the server is found on `globalThis` (registered by `serve`), not by import; the contract you pass is
 * checked against the one it speaks (same event names) and gives the types, with no type arguments.
 *
 * @example
 * // app/api/deploys/route.ts
 * export async function POST() {
 *   getVolley(dashboard).to('dashboard').emit('deploy:done', { at: Date.now() })
 *   return new Response(null, { status: 204 })
 * }
 * @param contract - the contract of the running server (your `contract.ts`, imported in route code)
 * @returns the running `VolleyServer`, typed by `contract`
 * @throws Error (message starting `[volley]`) on the edge runtime, during `next build`, under `next dev`/`next start`
 * or `output: 'standalone'`, when no custom server runs, or when the running server speaks another contract
 */
export function getVolley<TContract extends ContractDefinition>(
  contract: TContract,
): VolleyServer<TContract> {
  if (
    typeof contract !== 'object' ||
    contract === null ||
    typeof contract.clientToServer !== 'object' ||
    typeof contract.serverToClient !== 'object'
  ) {
    throw new TypeError(
      '[volley] getVolley(contract) expects the contract from defineContract that the server speaks.',
    )
  }
  const entry =
    typeof process !== 'undefined' && process.env.NEXT_RUNTIME === 'edge' ? undefined : registeredServer()
  if (entry === undefined) throw new Error(whyNoServer('getVolley(contract)'))
  if (!sameEvents(entry.io.contract, contract)) {
    throw new TypeError(
      `[volley] getVolley(contract): the Volley server at ${entry.url} speaks another contract ` +
        `(its serverToClient events: ${names(entry.io.contract.serverToClient).join(', ') || 'none'}). ` +
        'Pass the contract given to createServer for that server.',
    )
  }
  return entry.io as unknown as VolleyServer<TContract>
}
