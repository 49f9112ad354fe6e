import { errorEnvelope, okEnvelope, toPublicError } from '../envelope'
import { callHandlers, checkShape, invalidData, isThenable, splitAck } from '../incoming'
import type { VolleyLogger } from '../logger'
import type { EventDefinition } from '../types'
import { validate, type ValidateResult } from '../validate'
import type { VolleyError } from '../VolleyError'

/** Settings the client's incoming path needs. @internal */
export interface IncomingConfig {
  readonly validate: boolean
  readonly maxPayloadDepth: number
  readonly logger: VolleyLogger
  readonly onError: ((error: VolleyError, context: { readonly event: string }) => void) | undefined
}

/** Logs a client-side failure and hands it to `onError`; never throws. @internal */
export function reportClient(config: IncomingConfig, event: string, error: VolleyError): void {
  try {
    if (error.code === 'HANDLER_ERROR')
      config.logger.error(`[volley] handler "${event}": ${error.message}`, error.cause)
    else config.logger.warn(`[volley] "${event}" from the server: ${error.code}: ${error.message}`)
    config.onError?.(error, { event })
  } catch {
    // A failing logger or hook must not break event delivery.
  }
}

/**
 * Runs one server-to-client event through (optional) validation and the handlers; answers the server's
 * request with an envelope when it asked for one. Never throws. @internal
 */
export function handleServerEvent(
  config: IncomingConfig,
  event: string,
  definition: EventDefinition,
  handlers: ReadonlySet<(payload: unknown) => unknown>,
  args: unknown[],
): void {
  const { payloads, ack } = splitAck(args)
  const fail = (error: VolleyError): void => {
    reportClient(config, event, error)
    ack?.(errorEnvelope(error))
  }
  const failHandler = (thrown: unknown): void => fail(toPublicError(thrown))
  const run = (result: ValidateResult<unknown>): void => {
    if (!result.ok) return fail(invalidData(event, 'payload', result))
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
  if (!config.validate) return run({ ok: true, value: payloads[0] })
  const shapeError = checkShape(event, payloads, config.maxPayloadDepth)
  if (shapeError) return fail(shapeError)
  try {
    const result = validate(definition.payload, payloads[0])
    if (result instanceof Promise) result.then(run, failHandler)
    else run(result)
  } catch (thrown) {
    failHandler(thrown)
  }
}
