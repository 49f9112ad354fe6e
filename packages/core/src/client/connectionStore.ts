import type { Socket } from 'socket.io-client'
import { DISCONNECT_REASON_EVENT } from '../systemEvents'
import type { Unsubscribe } from '../types'
import { VolleyError } from '../VolleyError'
import type { ConnectionSnapshot } from './types'

/**
 * Tracks socket.io-client's connection events in an immutable snapshot and notifies subscribers when it
 * changes. This is the store React and Vue bind to.
 * @internal
 */
export class ConnectionStore {
  readonly #listeners = new Set<() => void>()
  #snapshot: ConnectionSnapshot

  constructor(private readonly socket: Socket) {
    this.#snapshot = Object.freeze({
      status: socket.connected ? 'connected' : socket.active ? 'connecting' : 'disconnected',
      id: socket.id,
      recovered: false,
      lastError: undefined,
      attempt: 0,
    })
    socket.on('connect', () =>
      this.set({
        status: 'connected',
        id: socket.id,
        recovered: socket.recovered,
        attempt: 0,
        lastError: undefined,
      }),
    )
    // The server says why before it disconnects a socket on its own (e.g. RATE_LIMITED after too many refusals).
    let serverReason: VolleyError | undefined
    socket.on(DISCONNECT_REASON_EVENT, (wire: unknown) => void (serverReason = VolleyError.fromWire(wire)))
    socket.on('disconnect', (reason) => {
      const told = serverReason
      serverReason = undefined
      this.set({
        status: socket.active ? 'reconnecting' : 'disconnected',
        id: undefined,
        lastError:
          reason === 'io client disconnect'
            ? this.#snapshot.lastError
            : (told ?? new VolleyError('DISCONNECTED', `The connection was lost (${reason}).`)),
      })
    })
    socket.on('connect_error', (error: Error & { data?: unknown }) => {
      const lastError =
        typeof error.data === 'object' && error.data !== null && 'code' in error.data
          ? VolleyError.fromWire(error.data)
          : new VolleyError('DISCONNECTED', `Could not connect: ${error.message}`, { cause: error })
      this.set({ lastError, status: socket.active ? this.#snapshot.status : 'disconnected' })
    })
    socket.io.on('reconnect_attempt', (attempt) => this.set({ status: 'reconnecting', attempt }))
    socket.io.on('reconnect_failed', () => this.set({ status: 'disconnected' }))
  }

  /** Applies a change; a change that changes nothing keeps the snapshot's identity. */
  set(patch: Partial<ConnectionSnapshot>): void {
    const current = this.#snapshot
    const keys = Object.keys(patch) as (keyof ConnectionSnapshot)[]
    if (keys.every((key) => Object.is(current[key], patch[key]))) return
    this.#snapshot = Object.freeze({ ...current, ...patch })
    for (const listener of [...this.#listeners]) listener()
  }

  getSnapshot = (): ConnectionSnapshot => this.#snapshot

  subscribe = (listener: () => void): Unsubscribe => {
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }
}
