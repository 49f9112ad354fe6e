import type { Socket } from 'socket.io-client'
import { payloadArgs } from '../incoming'
import { VolleyError } from '../VolleyError'

interface Pending {
  sent: boolean
  readonly fail: (error: unknown) => void
}

/**
 * Requests waiting for their ack: each one times out on its own, can be aborted, and rejects with
 * `DISCONNECTED` when the connection drops after it was sent. Requests made while offline are buffered
 * by socket.io and sent on reconnect; only their timeout applies to them. @internal
 */
export class PendingRequests {
  readonly #pending = new Set<Pending>()

  constructor(private readonly socket: Socket) {
    socket.on('connect', () => {
      for (const pending of this.#pending) pending.sent = true
    })
    socket.on('disconnect', (reason) => {
      if (this.#pending.size === 0) return
      const error = new VolleyError(
        'DISCONNECTED',
        `The connection was lost before the server answered (${reason}).`,
      )
      for (const pending of [...this.#pending]) if (pending.sent) pending.fail(error)
    })
  }

  /** Emits with an ack callback; resolves to whatever the server acked with (still unvalidated). */
  send(event: string, payload: unknown, timeout: number, signal: AbortSignal | undefined): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const finish = (): void => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        this.#pending.delete(pending)
      }
      const pending: Pending = {
        sent: this.socket.connected,
        fail: (error) => {
          finish()
          reject(error)
        },
      }
      const onAbort = (): void => pending.fail(signal?.reason)
      const timer = setTimeout(
        () =>
          pending.fail(
            new VolleyError('TIMEOUT', `The server did not answer "${event}" within ${timeout} ms.`),
          ),
        timeout,
      )
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#pending.add(pending)
      this.socket.emit(event, ...payloadArgs(payload), (envelope: unknown) => {
        if (!this.#pending.has(pending)) return
        finish()
        resolve(envelope)
      })
    })
  }
}
