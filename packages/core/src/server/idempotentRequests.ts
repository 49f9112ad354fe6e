import { errorEnvelope } from '../envelope'
import type { AckCallback } from '../incoming'
import { PROTOCOL_EVENTS } from '../reserved'
import type { AckEnvelope, ContractDefinition } from '../types'
import { VolleyError } from '../VolleyError'
import { report } from './report'
import type { ServerConfig } from './types'
import type { VolleySocket } from './VolleySocket'

/** Longest idempotency key accepted. */
export const MAX_KEY_LENGTH = 200
/** How often a duplicate checks a key that another server is running. */
const POLL_INTERVAL = 50

/** Answers that mean the handler never ran: the key is released, so a corrected resend runs. */
const NOT_RUN: ReadonlySet<string> = new Set(['VALIDATION_FAILED', 'RATE_LIMITED', 'UNKNOWN_EVENT'])

type AnySocket = VolleySocket<ContractDefinition, unknown>

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The server side of `$volley:idempotent` (`{ event, key, payload }`): runs the event's handler once per
 * key and answers every send of that key with the same envelope. A duplicate that arrives while the first
 * send runs waits for its answer (on this server through a promise, on another through the store). The
 * answer is kept once the handler ran, success or error; a send refused before its handler (validation,
 * rate limit, unknown event) leaves no trace, and so does a handler error with one of those codes (they
 * say "try again"), so a corrected resend runs. @internal
 */
export class IdempotentRequests {
  /** Keys running on this server, with the answer they will give. */
  readonly #running = new Map<string, Promise<AckEnvelope>>()

  constructor(
    private readonly namespace: string,
    private readonly contract: ContractDefinition,
    private readonly config: ServerConfig,
  ) {}

  /**
   * Answers one `$volley:idempotent` event; never throws.
   * @param socket - the sending socket
   * @param payload - `{ event, key, payload }`, untrusted
   * @param ack - the ack callback, if the client asked for an answer
   * @param dispatch - runs an event through the socket's normal path (rate limit, validation, handler)
   */
  handle(
    socket: AnySocket,
    payload: unknown,
    ack: AckCallback | undefined,
    dispatch: (event: string, args: unknown[]) => void,
  ): void {
    const request = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
      string,
      unknown
    >
    const { event, key } = request
    const refuse = (error: VolleyError): void => {
      report(this.config, error, { event: PROTOCOL_EVENTS.idempotent, socket, payload, phase: 'event' })
      ack?.(errorEnvelope(error))
    }
    if (
      typeof event !== 'string' ||
      typeof key !== 'string' ||
      key.length === 0 ||
      key.length > MAX_KEY_LENGTH
    ) {
      return refuse(
        new VolleyError(
          'VALIDATION_FAILED',
          `[volley] ${PROTOCOL_EVENTS.idempotent} takes { event, key, payload } with a key of 1 to ${MAX_KEY_LENGTH} characters (see docs/protocol.md).`,
        ),
      )
    }
    if (!Object.prototype.hasOwnProperty.call(this.contract.clientToServer, event)) {
      return refuse(new VolleyError('UNKNOWN_EVENT', `"${event}" is not an event of this server's contract.`))
    }
    const storeKey = JSON.stringify([this.namespace, event, key])
    let answer = this.#running.get(storeKey)
    if (answer === undefined) {
      answer = this.#claim(storeKey, event, request.payload, dispatch)
      this.#running.set(storeKey, answer)
      const done = (): void => void this.#running.delete(storeKey)
      answer.then(done, done)
    }
    answer.then(
      (envelope) => ack?.(envelope),
      (thrown: unknown) => {
        const error = VolleyError.is(thrown)
          ? thrown
          : new VolleyError('HANDLER_ERROR', 'The idempotency store failed.', { cause: thrown })
        refuse(error)
      },
    )
  }

  async #claim(
    storeKey: string,
    event: string,
    payload: unknown,
    dispatch: (event: string, args: unknown[]) => void,
  ): Promise<AckEnvelope> {
    const { store, ttl } = this.config.idempotency
    const record = await store.claim(storeKey, ttl)
    if (record === undefined) {
      const envelope = await new Promise<AckEnvelope>((resolve) =>
        dispatch(event, payload === undefined ? [resolve] : [payload, resolve]),
      )
      try {
        if (!envelope.ok && NOT_RUN.has(envelope.error.code)) await store.release(storeKey)
        else await store.complete(storeKey, envelope, ttl)
      } catch (error) {
        // The request ran: its sender still gets the answer; only later duplicates may run it again.
        const failure = new VolleyError('HANDLER_ERROR', 'The idempotency store could not keep an answer.', {
          cause: error,
        })
        report(this.config, failure, { event: PROTOCOL_EVENTS.idempotent, phase: 'handler' })
      }
      return envelope
    }
    if (record.state === 'done') return record.envelope
    // Another server runs it: wait for its answer in the store.
    const deadline = Date.now() + this.config.requestTimeout
    while (Date.now() < deadline) {
      await sleep(POLL_INTERVAL)
      const current = await store.get(storeKey)
      if (current?.state === 'done') return current.envelope
      if (current === undefined) return this.#claim(storeKey, event, payload, dispatch)
    }
    throw new VolleyError('TIMEOUT', `A request with this key is still running on another server.`)
  }
}
