import { io } from 'socket.io-client'
import { assertContract } from '../defineContract'
import type { ContractDefinition } from '../types'
import type { CreateClientOptions, UnsupportedClientOption } from './types'
import { VolleyClient } from './VolleyClient'

/**
 * Creates a socket.io client typed by a contract: `emit` and `request` validate before sending, `on`
 * handlers get typed payloads, and `subscribe`/`getSnapshot` expose the connection as a store.
 *
 * @example
 * const client = createClient(chat, 'http://localhost:3000')
 * const off = client.on('message:new', (message) => show(message))
 * const { id } = await client.request('message:send', { room: 'lobby', text: 'hi' })
 * client.emit('typing', { room: 'lobby' })
 *
 * @param contract - from `defineContract`
 * @param url - the server (with a namespace path, e.g. `http://localhost:3000/admin`); omit it to use the page's origin
 * @param options - Volley's options (`validateIncoming`, `requestTimeout`, `releaseDelay`, `logger`, `onError`) and any socket.io-client option
 * @returns the client; `client.raw` is the socket.io-client `Socket`
 */
export function createClient<TContract extends ContractDefinition>(
  contract: TContract,
  url?: string | CreateClientOptions<TContract>,
  options?: CreateClientOptions<TContract>,
): VolleyClient<TContract> {
  assertContract(contract, 'createClient')
  const resolved = (typeof url === 'object' ? url : options) ?? {}
  for (const option of ['retries', 'ackTimeout'] satisfies UnsupportedClientOption[]) {
    if ((resolved as Record<string, unknown>)[option] !== undefined) {
      // The why is in UnsupportedClientOption's JSDoc and the README; the message stays short for bundles.
      throw new TypeError(
        `[volley] createClient: socket.io-client's \`${option}\` is not supported (it breaks Volley's ack envelope; with retries, each event would run again). Use \`requestTimeout\`, and \`request(…, { queue: true, key })\` (the outbox) to resend safely.`,
      )
    }
  }
  const {
    validateIncoming: _v,
    requestTimeout: _t,
    releaseDelay: _r,
    logger: _l,
    onError: _e,
    ...ioOptions
  } = resolved
  const raw =
    typeof url === 'string'
      ? io(url, ioOptions as Partial<ManagerOptionsLike>)
      : io(ioOptions as Partial<ManagerOptionsLike>)
  return new VolleyClient(raw, contract, resolved)
}

type ManagerOptionsLike = Parameters<typeof io>[1] & object
