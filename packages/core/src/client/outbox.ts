import type { Socket } from 'socket.io-client'
import type { OutgoingRequests } from '../outgoing'
import { PROTOCOL_EVENTS } from '../reserved'
import type { ContractDefinition, Schema } from '../types'
import { VolleyError } from '../VolleyError'
import { Subscribable } from './subscribable'
import type { OutboxItem, OutboxSnapshot } from './types'

interface Queued {
  readonly key: string
  readonly event: string
  readonly payload: unknown
  readonly ackSchema: Schema | undefined
  readonly timeout: number
  readonly signal: AbortSignal | undefined
  readonly resolve: (ack: unknown) => void
  readonly reject: (error: unknown) => void
  readonly onAbort: () => void
  status: 'queued' | 'sending'
  attempts: number
}

/** What a request needs to wait in the outbox. @internal */
export interface OutboxRequest {
  readonly event: string
  readonly payload: unknown
  readonly ackSchema: Schema | undefined
  readonly key: string
  readonly timeout: number
  readonly signal: AbortSignal | undefined
}

const EMPTY = Object.freeze({ items: Object.freeze([]), size: 0 })

/**
 * Requests that wait for the connection: `client.request(event, payload, { queue: true })` puts them
 * here. They go out one at a time, oldest first, as `$volley:idempotent` with their key, so a resend after
 * a connection dropped before the ack runs once on the server and gets the first answer. A request leaves
 * the outbox when it is answered (its promise resolves or rejects with the server's error), times out
 * once sent (`TIMEOUT`), or is aborted; a dropped connection puts the one being sent back in front. As a
 * store (`subscribe`/`getSnapshot`), the outbox lets a UI show what is still on its way.
 *
 * @example
 * const unsubscribe = client.outbox.subscribe(() => render(client.outbox.getSnapshot().size))
 */
export class Outbox<TContract extends ContractDefinition> extends Subscribable<OutboxSnapshot<TContract>> {
  readonly #queue: Queued[] = []
  #sending: Queued | undefined

  /** @internal Every client has one: `client.outbox`. */
  constructor(
    private readonly socket: Socket,
    private readonly outgoing: OutgoingRequests,
    private readonly limit: number,
  ) {
    super(EMPTY as unknown as OutboxSnapshot<TContract>)
    socket.on('connect', () => this.#pump())
  }

  #publish(): void {
    const items = this.#queue.map(({ key, event, payload, status, attempts }) =>
      Object.freeze({ key, event, payload, status, attempts }),
    ) as unknown as OutboxItem<TContract>[]
    this.setSnapshot(Object.freeze({ items: Object.freeze(items), size: items.length }))
  }

  /** Queues a request; resolves to its validated ack. @internal Use `client.request(…, { queue: true })`. */
  add(request: OutboxRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (request.signal?.aborted) return reject(request.signal.reason)
      if (this.#queue.length >= this.limit) {
        return reject(
          new VolleyError(
            'QUEUE_FULL',
            `[volley] The outbox is full (${this.limit} requests waiting): "${request.event}" was not queued. Wait until it drains, or raise the client's \`outboxLimit\`.`,
          ),
        )
      }
      const queued: Queued = {
        ...request,
        resolve,
        reject,
        status: 'queued',
        attempts: 0,
        // Once sent, the outgoing request rejects with the reason itself.
        onAbort: () => {
          if (queued.status === 'queued') this.#settle(queued, () => reject(request.signal?.reason))
        },
      }
      request.signal?.addEventListener('abort', queued.onAbort, { once: true })
      this.#queue.push(queued)
      this.#publish()
      this.#pump()
    })
  }

  /** Takes a request out and settles it. */
  #settle(queued: Queued, settle: () => void): void {
    const index = this.#queue.indexOf(queued)
    if (index === -1) return
    this.#queue.splice(index, 1)
    if (this.#sending === queued) this.#sending = undefined
    queued.signal?.removeEventListener('abort', queued.onAbort)
    this.#publish()
    settle()
  }

  #pump(): void {
    const next = this.#queue[0]
    if (next === undefined || this.#sending !== undefined || !this.socket.connected) return
    this.#sending = next
    next.status = 'sending'
    next.attempts += 1
    this.#publish()
    const request =
      next.payload === undefined
        ? { event: next.event, key: next.key }
        : { event: next.event, key: next.key, payload: next.payload }
    this.outgoing
      .send(PROTOCOL_EVENTS.idempotent, request, next.ackSchema, {
        timeout: next.timeout,
        signal: next.signal,
        label: next.event,
      })
      .then(
        (ack) => this.#settle(next, () => next.resolve(ack)),
        (error: unknown) => {
          if (this.#sending !== next) return
          if (VolleyError.is(error) && error.code === 'DISCONNECTED') {
            // The ack may be lost: send it again, with the same key, on the next connection.
            this.#sending = undefined
            next.status = 'queued'
            this.#publish()
            return
          }
          this.#settle(next, () => next.reject(error))
        },
      )
      .finally(() => this.#pump())
  }

  /**
   * Empties the outbox: every waiting request rejects with `DISCONNECTED` (or the given error); one being
   * sent may still reach the server.
   *
   * @example
   * client.outbox.clear() // the user signed out
   * @param error - what the requests reject with. Defaults to a `DISCONNECTED` `VolleyError`.
   */
  clear(
    error: unknown = new VolleyError('DISCONNECTED', 'The outbox was cleared before the request was sent.'),
  ): void {
    for (const queued of [...this.#queue]) this.#settle(queued, () => queued.reject(error))
  }
}
