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
  for (const option of UNSUPPORTED_OPTIONS) {
    if ((resolved as Record<string, unknown>)[option] !== undefined) {
      throw new TypeError(
        `[volley] createClient: socket.io-client's \`${option}\` option is not supported: ${UNSUPPORTED_OPTIONS_WHY[option]} Use \`requestTimeout\` for timeouts and \`client.request(event, payload, { queue: true, key })\` (the outbox) to resend without running twice.`,
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

const UNSUPPORTED_OPTIONS_WHY: Record<UnsupportedClientOption, string> = {
  retries:
    "it resends every event until its ack's first argument is null, which Volley's { ok, … } ack envelope never is, so each event would run retries + 1 times.",
  ackTimeout: "it adds an error argument in front of every ack, which hides Volley's ack envelope.",
}
const UNSUPPORTED_OPTIONS = Object.keys(UNSUPPORTED_OPTIONS_WHY) as UnsupportedClientOption[]

type ManagerOptionsLike = Parameters<typeof io>[1] & object
