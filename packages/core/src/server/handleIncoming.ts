import { errorEnvelope, okEnvelope, toPublicError } from '../envelope'
import { callHandlers, checkShape, invalidData, isThenable, splitAck } from '../incoming'
import type { EventDefinition } from '../types'
import { validate, type ValidateResult } from '../validate'
import { VolleyError } from '../VolleyError'
import { report } from './report'
import type { ServerConfig, ServerErrorContext } from './types'

type SocketInfo = NonNullable<ServerErrorContext['socket']>

/** A handler as stored at runtime, once types are erased. @internal */
export type AnyHandler = (payload: unknown) => unknown

interface IncomingContext {
  readonly socket: SocketInfo
  readonly config: ServerConfig
  readonly event: string
  readonly definition: EventDefinition
  readonly handlers: ReadonlySet<AnyHandler>
}

/**
 * Runs one incoming client event through depth check, validation and the handlers, and answers the ack
 * with an envelope. Never throws: every failure is reported and, when an ack was asked for, answered.
 * @internal
 */
export function handleIncoming(context: IncomingContext, args: unknown[]): void {
  const { socket, config, event, definition, handlers } = context
  const { payloads, ack } = splitAck(args)
  const payload = payloads[0]

  const fail = (error: VolleyError, phase: 'event' | 'handler'): void => {
    report(config, error, { event, socket, payload, phase })
    ack?.(errorEnvelope(error))
  }
  const failHandler = (thrown: unknown): void => fail(toPublicError(thrown), 'handler')

  const run = (result: ValidateResult<unknown>): void => {
    if (!result.ok) return fail(invalidData(event, 'payload', result), 'event')
    let answer: unknown
    try {
      answer = callHandlers(handlers, result.value, failHandler)
    } catch (thrown) {
      return failHandler(thrown)
    }
    // Fire-and-forget events ignore what the handler returns; an ack, if asked for, just confirms.
    const answers = definition.ack !== undefined
    if (isThenable(answer)) answer.then((data) => ack?.(okEnvelope(answers ? data : undefined)), failHandler)
    else ack?.(okEnvelope(answers ? answer : undefined))
  }

  const shapeError = checkShape(event, payloads, config.maxPayloadDepth)
  if (shapeError) return fail(shapeError, 'event')
  try {
    const result = validate(definition.payload, payload)
    if (result instanceof Promise) result.then(run, failHandler)
    else run(result)
  } catch (thrown) {
    failHandler(thrown)
  }
}

/** Answers an event the contract does not declare, or one no handler is registered for. @internal */
export function handleUnknown(
  socket: SocketInfo,
  config: ServerConfig,
  event: string,
  args: unknown[],
  known: boolean,
): void {
  const { payloads, ack } = splitAck(args)
  const error = new VolleyError(
    'UNKNOWN_EVENT',
    known
      ? `No handler is registered for "${event}" on this server.`
      : `"${event}" is not an event of this server's contract.`,
  )
  report(config, error, { event, socket, payload: payloads[0], phase: 'event' })
  ack?.(errorEnvelope(error))
}
