import type { Socket } from 'socket.io-client'
import { payloadArgs } from '../incoming'
import { VolleyError } from '../VolleyError'

interface Pending {
  sent: boolean
  readonly fail: (error: unknown) => void
}

/** socket.io-client internals used to withdraw a request that was buffered while offline. */
interface SocketInternals {
  ids?: number
  sendBuffer?: { id?: number }[]
  acks?: Record<number, unknown>
}

/**
 * Requests waiting for their ack: each one times out on its own, can be aborted, and rejects with
 * `DISCONNECTED` when the connection drops after it was sent. Requests made while offline are buffered
 * by socket.io and sent on reconnect; one that times out or is aborted before that is withdrawn from the
 * buffer, so the server never runs a request its caller was told had failed. @internal
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

  /** Rejects every request, sent or buffered, and withdraws the buffered ones (for `client.disconnect()`). */
  rejectAll(error: VolleyError): void {
    for (const pending of [...this.#pending]) pending.fail(error)
  }

  /** Removes a buffered, unsent packet and its ack callback from socket.io-client. */
  #withdraw(id: number | undefined): void {
    if (id === undefined) return
    const internals = this.socket as unknown as SocketInternals
    if (internals.sendBuffer) internals.sendBuffer = internals.sendBuffer.filter((packet) => packet.id !== id)
    if (internals.acks) delete internals.acks[id]
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
      // The ack id socket.io-client is about to give this packet, to find it in its send buffer.
      const id = (this.socket as unknown as SocketInternals).ids
      const pending: Pending = {
        sent: this.socket.connected,
        fail: (error) => {
          finish()
          if (!pending.sent) this.#withdraw(id)
          reject(error)
        },
      }
      const onAbort = (): void => pending.fail(signal?.reason)
      // setTimeout fires at once past 2^31 - 1 ms: clamp.
      const delay = Math.min(timeout, 2_147_483_647)
      const timer = setTimeout(
        () =>
          pending.fail(
            new VolleyError('TIMEOUT', `The server did not answer "${event}" within ${timeout} ms.`),
          ),
        delay,
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
