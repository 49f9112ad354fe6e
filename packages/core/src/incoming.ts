import { invalidMessage } from './bounded'
import { exceedsDepth } from './depth'
import { errorEnvelope, okEnvelope, toPublicError } from './envelope'
import type { AckEnvelope, EventDefinition } from './types'
import { validate, type ValidateResult } from './validate'
import { VolleyError } from './VolleyError'

/** An ack callback as socket.io passes it to a listener. @internal */
export type AckCallback = (envelope: AckEnvelope) => void

/** Tells whether a value is a promise or promise-like. @internal */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'
  )
}

/** Splits socket.io listener arguments into the payload arguments and the ack callback, if any. @internal */
export function splitAck(args: unknown[]): { payloads: unknown[]; ack: AckCallback | undefined } {
  const last = args[args.length - 1]
  if (typeof last === 'function') return { payloads: args.slice(0, -1), ack: last as AckCallback }
  return { payloads: args, ack: undefined }
}

/**
 * Checks the shape of an incoming payload (argument count, nesting depth) before any schema sees it.
 * @returns the error to refuse it with, or `undefined` when it may be validated
 * @internal
 */
export function checkShape(
  event: string,
  count: number,
  payload: unknown,
  maxDepth: number,
): VolleyError | undefined {
  if (count > 1) {
    return new VolleyError(
      'VALIDATION_FAILED',
      `[volley] "${event}" takes one payload argument, got ${count}. Send one object instead.`,
    )
  }
  if (exceedsDepth(payload, maxDepth)) {
    return new VolleyError(
      'VALIDATION_FAILED',
      `[volley] The payload of "${event}" nests deeper than ${maxDepth} levels and was refused before validation.`,
    )
  }
  return undefined
}

/** Builds the error for data its schema refused (the message bounded: it may quote untrusted data). @internal */
export function invalidData(
  event: string,
  what: string,
  result: ValidateResult<unknown> & { ok: false },
): VolleyError {
  return new VolleyError('VALIDATION_FAILED', invalidMessage(event, what, result.issues), {
    issues: result.issues,
  })
}

/**
 * Calls every handler with a value, even when one throws; the first answering handler's return value is
 * the answer (listen-only handlers, such as event observers, never answer). Failures of the others go to
 * `onFailure`, so no rejection goes unhandled.
 * @returns the answer (maybe a promise)
 * @throws what the answering handler threw synchronously, after every handler ran
 * @internal
 */
export function callHandlers(
  handlers: Iterable<(value: unknown) => unknown>,
  value: unknown,
  onFailure: (error: unknown) => void,
  listenOnly?: { has(handler: (value: unknown) => unknown): boolean },
): unknown {
  let answer: unknown
  let answered = false
  let failure: { error: unknown } | undefined
  for (const handler of handlers) {
    const answering: boolean = !answered && listenOnly?.has(handler) !== true
    let returned: unknown
    try {
      returned = handler(value)
    } catch (error) {
      // One failing handler must not keep the event from the others; the answering one fails the ack.
      if (answering) failure = { error }
      else onFailure(error)
      answered ||= answering
      continue
    }
    if (answering) {
      answer = returned
      answered = true
    } else if (isThenable(returned)) {
      returned.then(undefined, onFailure)
    }
  }
  if (failure !== undefined) throw failure.error
  return answer
}

/** What `dispatchIncoming` needs to run an event's messages; built once per event and socket. @internal */
export interface IncomingEvent {
  readonly event: string
  readonly definition: EventDefinition
  readonly handlers: Iterable<(payload: unknown) => unknown>
  /** Handlers that listen without answering (event observers). */
  readonly listenOnly?: { has(handler: (value: unknown) => unknown): boolean }
  /** Whether to check shape and schema (the server always does; the client per `validateIncoming`). */
  readonly validate: boolean
  readonly maxDepth: number
  /** Logs and hooks a failure; must not throw. */
  readonly report: (error: VolleyError, phase: 'event' | 'handler', payload: unknown) => void
}

/**
 * One incoming event on its way through shape check, validation and handlers. A class rather than
 * closures, so the hot path allocates one object per message; the server extends it. @internal
 */
export class Delivery {
  constructor(
    readonly incoming: IncomingEvent,
    readonly ack: AckCallback | undefined,
    readonly payload: unknown,
  ) {}

  fail(error: VolleyError, phase: 'event' | 'handler'): void {
    this.incoming.report(error, phase, this.payload)
    this.ack?.(errorEnvelope(error))
  }

  failHandler(thrown: unknown): void {
    this.fail(toPublicError(thrown), 'handler')
  }

  answer(data: unknown): void {
    // Fire-and-forget events ignore what the handler returns; an ack, if asked for, just confirms.
    this.ack?.(okEnvelope(this.incoming.definition.ack !== undefined ? data : undefined))
  }

  run(result: ValidateResult<unknown>): void {
    if (!result.ok) return this.fail(invalidData(this.incoming.event, 'payload', result), 'event')
    const onFailure = (thrown: unknown): void => this.failHandler(thrown)
    let answer: unknown
    try {
      answer = callHandlers(this.incoming.handlers, result.value, onFailure, this.incoming.listenOnly)
    } catch (thrown) {
      return this.failHandler(thrown)
    }
    if (isThenable(answer)) answer.then((data) => this.answer(data), onFailure)
    else this.answer(answer)
  }
}

/**
 * Runs one incoming event, on either side: shape check, validation, handlers, and the ack envelope when
 * the sender asked for one. Never throws. @internal
 * @param args - the socket.io listener arguments: payload(s), then the ack callback if one was asked for
 */
export function dispatchIncoming(incoming: IncomingEvent, args: unknown[]): void {
  const last = args[args.length - 1]
  const ack = typeof last === 'function' ? (last as AckCallback) : undefined
  const count = ack === undefined ? args.length : args.length - 1
  const delivery = new Delivery(incoming, ack, count > 0 ? args[0] : undefined)
  if (!incoming.validate) return delivery.run({ ok: true, value: delivery.payload })
  const shapeError = checkShape(incoming.event, count, delivery.payload, incoming.maxDepth)
  if (shapeError) return delivery.fail(shapeError, 'event')
  try {
    const result = validate(incoming.definition.payload, delivery.payload)
    if (result instanceof Promise) {
      result.then(
        (checked) => delivery.run(checked),
        (thrown: unknown) => delivery.failHandler(thrown),
      )
    } else delivery.run(result)
  } catch (thrown) {
    delivery.failHandler(thrown)
  }
}

/**
 * The arguments to send for a payload: none for `undefined` (JSON would turn it into `null` on the way).
 * @internal
 */
export function payloadArgs(payload: unknown): unknown[] {
  return payload === undefined ? [] : [payload]
}
