import type { ContractDefinition } from '@volley/core'
import type { VolleyClient } from '@volley/core/client'
import { createContext } from 'react'
import type { VolleyReact } from './types'
import { useConnectionStatusOf } from './useConnectionStatus'
import { useOnConnectOf } from './useOnConnect'
import { useOutboxOf } from './useOutbox'
import { usePresenceOf } from './usePresence'
import { useRequestOf } from './useRequest'
import { useSocketFrom } from './useSocket'
import { useSocketEventOf } from './useSocketEvent'
import { useSubscriptionOf } from './useSubscription'
import { createVolleyProvider } from './VolleyProvider'

/**
 * Creates a provider and hooks typed by a contract, so that no call site needs a type argument.
 * Call it once per contract (or namespace), in a module of your app, and export what it returns.
 *
 * @example
 * export const { VolleyProvider, useSocket, useSocketEvent, useRequest, useConnectionStatus, useSubscription } =
 *   createVolleyReact(chat)
 *
 * function Room() {
 *   const last = useSocketEvent('message:new', (message) => console.log(message.text))
 *   const { send, isPending } = useRequest('message:send')
 *   return <button disabled={isPending} onClick={() => send({ room: 'lobby', text: 'hi' })}>{last?.text}</button>
 * }
 *
 * @param contract - from `defineContract`
 * @returns `{ VolleyProvider, useSocket, useSocketEvent, useRequest, useConnectionStatus, useSubscription, useOutbox,
 *   useOnConnect, usePresence }`
 */
export function createVolleyReact<TContract extends ContractDefinition>(
  contract: TContract,
): VolleyReact<TContract> {
  const context = createContext<VolleyClient<TContract> | null>(null)
  context.displayName = 'VolleyContext'
  return {
    VolleyProvider: createVolleyProvider(contract, context),
    useSocket: () => useSocketFrom(context, 'useSocket'),
    useSocketEvent: (event, handler) =>
      useSocketEventOf(useSocketFrom(context, 'useSocketEvent'), event, handler),
    useRequest: (event, options) => useRequestOf(useSocketFrom(context, 'useRequest'), event, options),
    useConnectionStatus: () => useConnectionStatusOf(useSocketFrom(context, 'useConnectionStatus')),
    useSubscription: (name, params, options) =>
      useSubscriptionOf(useSocketFrom(context, 'useSubscription'), name, params, options),
    useOutbox: () => useOutboxOf(useSocketFrom(context, 'useOutbox')),
    useOnConnect: (listener) => useOnConnectOf(useSocketFrom(context, 'useOnConnect'), listener),
    usePresence: (name, params, options) =>
      usePresenceOf(useSocketFrom(context, 'usePresence'), name, params, options),
  }
}
