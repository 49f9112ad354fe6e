import { exceedsDepth } from './depth'
import { readEnvelope } from './envelope'
import { invalidData, payloadArgs } from './incoming'
import { cancelExpiry, scheduleExpiry, type Expiring } from './timeoutSweep'
import type { Schema } from './types'
import { validate, type ValidateResult } from './validate'
import { VolleyError } from './VolleyError'

/** The part of a socket.io socket (server or client) a request is sent with. @internal */
export interface RequestTarget {
  emit(event: string, ...args: unknown[]): unknown
}

/** How one side treats the acks it receives; built once per socket. @internal */
export interface OutgoingConfig {
  /** Who answers: `'server'` on the client, `'client'` on the server (for messages). */
  readonly peer: 'server' | 'client'
  /** Whether acks are checked against their schema (the server always does; the client per `validateIncoming`). */
  readonly validate: boolean
  readonly maxDepth: number
  /** Logs and hooks an ack that was refused; must not throw. */
  readonly report: (error: VolleyError, event: string, data: unknown) => void
}

/** Options of one request. @internal */
export interface OutgoingOptions {
  /** Milliseconds to wait for the ack. */
  readonly timeout: number
  readonly signal?: AbortSignal | undefined
  /** The event name messages mention, when it differs from the emitted one (an idempotent request). */
  readonly label?: string
}

/**
 * A socket.io-client send buffer: requests made while offline wait there, and one that fails before it
 * was sent is taken out, so the server never runs a request its caller was told had failed. @internal
 */
export interface SendBuffer {
  /** Whether a packet emitted now is sent at once (connected) or buffered. */
  isConnected(): boolean
  /** The ack id the next emit will get (read before emitting). */
  nextId(): number | undefined
  /** Removes a buffered packet and its ack callback. */
  withdraw(id: number | undefined): void
}

/**
 * One request waiting for its ack. A class rather than closures, so a request allocates one object (and
 * its promise); its timeout is an entry of the shared sweep, not a timer of its own.
 */
class Request implements Expiring {
  readonly deadline: number
  sent: boolean
  readonly #id: number | undefined
  #onAbort: (() => void) | undefined

  constructor(
    readonly owner: OutgoingRequests,
    /** The event the messages name. */
    readonly event: string,
    readonly ackSchema: Schema | undefined,
    readonly options: OutgoingOptions,
    readonly resolve: (ack: unknown) => void,
    readonly reject: (error: unknown) => void,
  ) {
    this.deadline = Date.now() + options.timeout
    const buffer = owner.buffer
    this.sent = buffer === undefined || buffer.isConnected()
    this.#id = this.sent ? undefined : buffer?.nextId()
    const signal = options.signal
    if (signal !== undefined) {
      this.#onAbort = () => this.fail(signal.reason)
      signal.addEventListener('abort', this.#onAbort, { once: true })
    }
  }

  /** Stops waiting: out of the pending set and the sweep, abort listener removed. */
  #finish(): boolean {
    if (!this.owner.pending.delete(this)) return false
    cancelExpiry(this)
    if (this.#onAbort !== undefined) this.options.signal?.removeEventListener('abort', this.#onAbort)
    return true
  }

  expire(): void {
    this.fail(
      new VolleyError(
        'TIMEOUT',
        `The ${this.owner.config.peer} did not answer "${this.event}" within ${this.options.timeout} ms.`,
      ),
    )
  }

  fail(error: unknown): void {
    if (!this.#finish()) return
    if (!this.sent) this.owner.buffer?.withdraw(this.#id)
    this.reject(error)
  }

  /** The ack callback socket.io calls with the envelope. */
  answer = (envelope: unknown): void => {
    if (!this.#finish()) return
    const read = readEnvelope(envelope)
    if (!read.ok) return this.reject(read.error)
    const { config } = this.owner
    if (!config.validate || this.ackSchema === undefined) return this.resolve(read.data)
    if (exceedsDepth(read.data, config.maxDepth)) {
      return this.#refuse(
        new VolleyError(
          'VALIDATION_FAILED',
          `[volley] The ack of "${this.event}" nests deeper than ${config.maxDepth} levels and was refused before validation.`,
        ),
        read.data,
      )
    }
    try {
      const result = validate(this.ackSchema, read.data)
      if (result instanceof Promise) {
        result.then(
          (checked) => this.#settle(checked, read.data),
          (error: unknown) => this.reject(error),
        )
      } else this.#settle(result, read.data)
    } catch (error) {
      this.reject(error)
    }
  }

  #settle(result: ValidateResult<unknown>, data: unknown): void {
    if (result.ok) this.resolve(result.value)
    else this.#refuse(invalidData(this.event, 'ack', result), data)
  }

  #refuse(error: VolleyError, data: unknown): void {
    this.owner.config.report(error, this.event, data)
    this.reject(error)
  }
}

/**
 * The requests one side sent and waits for: the counterpart of `incoming.ts`, shared by the client
 * (`client.request`) and the server (`socket.request`). Each request resolves to its validated ack, or
 * rejects with a `VolleyError`: `TIMEOUT` (one shared sweep, no timer per request), `DISCONNECTED`, the
 * error the other side answered with, `VALIDATION_FAILED` for an ack that breaks its schema or nests too
 * deep, or the `AbortSignal`'s reason. @internal
 */
export class OutgoingRequests {
  /** The requests waiting for their ack. */
  readonly pending = new Set<Request>()

  /**
   * @param target - the socket to emit on
   * @param config - how acks are checked
   * @param buffer - on the client: socket.io-client's send buffer, to withdraw requests that fail unsent
   */
  constructor(
    readonly target: RequestTarget,
    readonly config: OutgoingConfig,
    readonly buffer?: SendBuffer,
  ) {}

  /**
   * Emits an event with an ack callback and resolves to the ack, validated against `ackSchema`.
   * @param event - the event
   * @param payload - its payload (already validated by the caller where needed)
   * @param ackSchema - the schema of the ack; `undefined` takes the ack as it comes
   * @param options - `timeout` and `signal`
   */
  send(
    event: string,
    payload: unknown,
    ackSchema: Schema | undefined,
    options: OutgoingOptions,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(options.signal.reason)
      const request = new Request(this, options.label ?? event, ackSchema, options, resolve, reject)
      this.pending.add(request)
      scheduleExpiry(request)
      this.target.emit(event, ...payloadArgs(payload), request.answer)
    })
  }

  /** Marks every buffered request as sent (socket.io-client flushes its buffer on connect). */
  markSent(): void {
    for (const request of this.pending) request.sent = true
  }

  /**
   * Rejects waiting requests: those already sent (the connection dropped: their ack will never come), or
   * all of them, the buffered ones withdrawn (an explicit disconnect).
   * @param error - what they reject with
   * @param which - `'sent'` or `'all'`
   */
  fail(error: VolleyError, which: 'sent' | 'all'): void {
    for (const request of [...this.pending]) if (which === 'all' || request.sent) request.fail(error)
  }
}
