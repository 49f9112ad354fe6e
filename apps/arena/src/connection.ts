import { createClient, type VolleyClient } from '@volley/core/client'
import { arena } from '../shared/contract'
import { parser } from '../shared/parser'

export type ArenaClient = VolleyClient<typeof arena>

/** A random 32-hex-digit token: who this page is, across reconnects (a reload is a new player). */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * The page's one connection: `@volley/core/client` alone, with the msgpack parser the server uses, the
 * token in the handshake `auth`, and quick reconnection attempts (a game wants its seat back fast).
 */
export function connect(token: string, url?: string): ArenaClient {
  const options = {
    auth: { token },
    parser,
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 2_000,
  }
  return url === undefined ? createClient(arena, options) : createClient(arena, url, options)
}
