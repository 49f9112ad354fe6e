import type { Socket } from 'socket.io-client'
import type { Unsubscribe } from '../types'
import { VolleyError } from '../VolleyError'
import type { ConnectInfo } from './types'

/** What `client.onConnect` runs: work for each connection, optionally returning its cleanup. */
export type ConnectListener = (info: ConnectInfo) => void | (() => void)

interface Registration {
  readonly listener: ConnectListener
  cleanup: (() => void) | undefined
}

/**
 * Runs work on every connection (the first and each reconnect), told whether socket.io recovered the
 * session, and the cleanup a listener returned when the connection drops. Listeners run after Volley's
 * own reconnect work (subscriptions resubscribed, the outbox sending). @internal
 */
export class ConnectionLifecycle {
  readonly #registrations = new Set<Registration>()
  #connections = 0

  constructor(
    private readonly socket: Socket,
    private readonly report: (error: VolleyError) => void,
  ) {
    socket.on('connect', () => {
      this.#connections += 1
      for (const registration of [...this.#registrations]) this.#run(registration)
    })
    socket.on('disconnect', () => {
      for (const registration of this.#registrations) this.#cleanup(registration)
    })
  }

  #run(registration: Registration): void {
    const info: ConnectInfo = Object.freeze({
      id: this.socket.id ?? '',
      recovered: this.socket.recovered === true,
      reconnected: this.#connections > 1,
    })
    try {
      const cleanup = registration.listener(info)
      registration.cleanup = typeof cleanup === 'function' ? cleanup : undefined
    } catch (error) {
      this.report(new VolleyError('HANDLER_ERROR', 'An onConnect listener threw.', { cause: error }))
    }
  }

  #cleanup(registration: Registration): void {
    const cleanup = registration.cleanup
    registration.cleanup = undefined
    try {
      cleanup?.()
    } catch (error) {
      this.report(
        new VolleyError('HANDLER_ERROR', 'The cleanup of an onConnect listener threw.', { cause: error }),
      )
    }
  }

  /** Adds a listener; runs it now when connected. Returns a function that cleans up and removes it. */
  add(listener: ConnectListener): Unsubscribe {
    const registration: Registration = { listener, cleanup: undefined }
    this.#registrations.add(registration)
    if (this.socket.connected) this.#run(registration)
    return () => {
      if (!this.#registrations.delete(registration)) return
      this.#cleanup(registration)
    }
  }
}
