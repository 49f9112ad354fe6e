import type { StandardSchemaV1 } from '@standard-schema/spec'
import { exceedsDepth, measurePayload } from '../depth'
import { errorEnvelope } from '../envelope'
import { callHandlers, Delivery, isThenable, type AckCallback } from '../incoming'
import type { Schema, VolleyIssue } from '../types'
import type { ValidateResult } from '../validate'
import type { VolleyError } from '../VolleyError'
import { SOCKET_RATE_SLOT, type EventRoute } from './eventRoutes'
import { takeToken } from './rateLimiter'
import { refuse } from './refuse'
import { report } from './report'
import type { HandlerSlot, SocketState } from './socketState'

/**
 * One message of a socket on its way through validation and the socket's handlers: the shared
 * `Delivery` (answers, handler failures), with the socket's handlers, reporting and refusals. @internal
 */
class SocketDelivery extends Delivery {
  constructor(
    readonly state: SocketState,
    route: EventRoute,
    readonly slot: Exclude<HandlerSlot, undefined>,
    ack: AckCallback | undefined,
    payload: unknown,
  ) {
    super(route.incoming, ack, payload)
  }

  override fail(error: VolleyError, phase: 'event' | 'handler'): void {
    const { state, incoming, payload } = this
    report(state.scope.config, error, { event: incoming.event, socket: state.socket, payload, phase })
    this.ack?.(errorEnvelope(error))
  }

  override run(result: ValidateResult<unknown>): void {
    if (result.ok) this.#accept(result.value)
    else this.#refuse(result.issues)
  }

  /**
   * Validates with the Standard Schema directly: a refused payload's issues are converted only if the
   * error is read (an ack, `onError`, the first log line), so refusing costs no more than accepting.
   */
  validateAndRun(schema: Schema): void {
    try {
      const result = schema['~standard'].validate(this.payload)
      if (result instanceof Promise) {
        result.then(
          (settled) => this.#settle(settled),
          (thrown: unknown) => this.failHandler(thrown),
        )
      } else this.#settle(result)
    } catch (thrown) {
      this.failHandler(thrown)
    }
  }

  #settle(result: StandardSchemaV1.Result<unknown>): void {
    if (result.issues === undefined) this.#accept(result.value)
    else this.#refuse(result.issues)
  }

  /** Runs the handlers; a single synchronous handler allocates nothing more. */
  #accept(value: unknown): void {
    const { slot } = this
    let answer: unknown
    try {
      answer =
        typeof slot === 'function'
          ? slot(value)
          : callHandlers(slot, value, (thrown) => this.failHandler(thrown))
    } catch (thrown) {
      return this.failHandler(thrown)
    }
    if (isThenable(answer)) {
      answer.then(
        (data) => this.answer(data),
        (thrown: unknown) => this.failHandler(thrown),
      )
    } else this.answer(answer)
  }

  #refuse(issues: readonly (StandardSchemaV1.Issue | VolleyIssue)[]): void {
    refuse(this.state, 'invalid', this.incoming.event, this.payload, this.ack, { issues })
  }
}

/**
 * Runs one incoming message of a socket (from its single `onAny` listener): the socket-wide rate limit,
 * the contract, the event's own rate limit, a handler, one payload argument, the depth walk (with the
 * size estimate when the event has `maxBytes`), the schema, then the handlers; the ack is answered with
 * an envelope. A refusal at any step goes to `refuse`. Never throws. @internal
 *
 * @param state - the socket's state
 * @param event - the event name as it arrived (a string, or anything a hostile client sends)
 * @param args - the payload arguments, then the ack callback if the sender asked for one
 */
export function dispatchEvent(state: SocketState, event: unknown, args: unknown[]): void {
  if (state.kicked || !state.socket.raw.connected) return
  const { scope } = state
  const { config } = scope
  const last = args[args.length - 1]
  const ack = typeof last === 'function' ? (last as AckCallback) : undefined
  const count = ack === undefined ? args.length : args.length - 1
  const payload = count > 0 ? args[0] : undefined
  const rateLimit = config.rateLimit
  if (rateLimit !== undefined && !takeToken(state.bucketsNow(), SOCKET_RATE_SLOT, rateLimit, Date.now())) {
    return refuse(state, 'rate', event, payload, ack)
  }
  const route = scope.route(event)
  if (route === undefined) return refuse(state, 'unknown', event, payload, ack)
  if (route.rate !== undefined && !takeToken(state.bucketsNow(), route.rateSlot, route.rate, Date.now())) {
    return refuse(state, 'eventRate', event, payload, ack, { route })
  }
  const slot = state.handlers(route.index)
  if (slot === undefined) return refuse(state, 'unhandled', event, payload, ack)
  if (count > 1) return refuse(state, 'arity', event, payload, ack, { count })
  const shape =
    route.maxBytes === undefined
      ? exceedsDepth(payload, config.maxPayloadDepth)
        ? 'deep'
        : undefined
      : measurePayload(payload, config.maxPayloadDepth, route.maxBytes)
  if (shape !== undefined) return refuse(state, shape, event, payload, ack, { route })
  new SocketDelivery(state, route, slot, ack, payload).validateAndRun(route.definition.payload)
}
