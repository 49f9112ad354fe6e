import {
  VolleyError,
  type ClientEventName,
  type ContractDefinition,
  type InferClientAckInput,
  type InferClientPayload,
  type VolleyErrorCode,
  type VolleyLogger,
} from '@volley/core'
import { parsePayload } from './parsePayload'

/** Options for `createRouteHandler`. */
export interface RouteHandlerOptions {
  /**
   * Bodies larger than this many bytes are refused with 413 `PAYLOAD_TOO_LARGE` before they are parsed.
   * Defaults to `1_048_576` (1 MiB).
   */
  maxBodyBytes?: number
  /** The status of a successful answer that is not a `Response`. Defaults to `200`. */
  status?: number
  /** Where refused bodies and failed handlers are logged; `false` for silence. Defaults to `console`. */
  logger?: VolleyLogger | false
}

/** The handler of `createRouteHandler`: the validated payload in, the event's ack (or a `Response`) out. */
export type RouteEventHandler<
  TContract extends ContractDefinition,
  TEvent extends ClientEventName<TContract>,
  TContext,
> = (
  payload: InferClientPayload<TContract, TEvent>,
  request: Request,
  context: TContext,
) =>
  | InferClientAckInput<TContract, TEvent>
  | Response
  | Promise<InferClientAckInput<TContract, TEvent> | Response>

const STATUS: Partial<Record<VolleyErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  UNKNOWN_EVENT: 404,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  DISCONNECTED: 503,
  TIMEOUT: 504,
}

/** The HTTP answer for a `VolleyError`: the socket ack envelope, `{ ok: false, error: { code, message, issues? } }`. */
function errorResponse(error: VolleyError, status = STATUS[error.code] ?? 500): Response {
  return Response.json({ ok: false, error: error.toJSON() }, { status })
}

class TooLarge extends Error {}

async function readText(request: Request, max: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declared > max) throw new TooLarge()
  if (request.body === null) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel()
      throw new TooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}

/** Next signals `redirect()`, `notFound()` and dynamic rendering with errors that carry a `digest`. */
function isNextControlFlow(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && typeof (error as { digest?: unknown }).digest === 'string'
  )
}

/**
 * A Route Handler whose JSON body is validated with the payload schema of a `clientToServer` event before
 * your handler runs: one error model over HTTP and sockets. A body that fails gets a 400 with the socket
 * ack envelope, `{ ok: false, error: { code: 'VALIDATION_FAILED', message, issues } }`, the same issues a
 * socket client would get; a body over `maxBodyBytes` gets a 413 with `PAYLOAD_TOO_LARGE` (the code a
 * socket client gets over a size cap). What the handler returns is sent as `{ ok: true, data }` (return a
 * `Response` to answer otherwise). A thrown `VolleyError` answers with its code (401 `UNAUTHORIZED`, 429
 * `RATE_LIMITED`, …); any other exception is logged and answered 500 `HANDLER_ERROR`, without internals.
 *
 * @example
 * // app/api/track/route.ts
 * export const POST = createRouteHandler(dashboard, 'track', async ({ events }) => {
 *   store().track(events)
 *   getVolley(dashboard).to('dashboard').emit('metrics', store().metrics())
 *   return { accepted: events.length }
 * })
 * @param contract - the contract that declares the event
 * @param event - a `clientToServer` event; its `payload` schema validates the body, its `ack` types the answer
 * @param handler - receives the validated payload, the `Request` and Next's route context (`{ params }`)
 * @param options - `maxBodyBytes`, `status`, `logger`
 * @returns a Route Handler for `export const POST = …` (or `PUT`, `PATCH`, `DELETE`)
 */
export function createRouteHandler<
  TContract extends ContractDefinition,
  TEvent extends ClientEventName<TContract>,
  TContext = unknown,
>(
  contract: TContract,
  event: TEvent,
  handler: RouteEventHandler<TContract, TEvent, TContext>,
  options: RouteHandlerOptions = {},
): (request: Request, context: TContext) => Promise<Response> {
  if (!Object.prototype.hasOwnProperty.call(contract.clientToServer, event)) {
    throw new TypeError(
      `[volley] createRouteHandler: "${event}" is not a clientToServer event of this contract.`,
    )
  }
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576
  const logger = options.logger === false ? undefined : (options.logger ?? console)
  const refuse = (error: VolleyError, status?: number): Response => {
    logger?.warn(
      `[volley] route "${event}": ${error.code}: ${error.message}`,
      ...(error.issues ? [error.issues] : []),
    )
    return errorResponse(error, status)
  }
  return async (request, context) => {
    let body: unknown
    try {
      const text = await readText(request, maxBodyBytes)
      body = text === '' ? undefined : JSON.parse(text)
    } catch (error) {
      if (error instanceof TooLarge) {
        const message = `The body of "${event}" is larger than ${maxBodyBytes} bytes.`
        return refuse(new VolleyError('PAYLOAD_TOO_LARGE', message))
      }
      return refuse(new VolleyError('VALIDATION_FAILED', `The body of "${event}" is not valid JSON.`))
    }
    try {
      const payload = await parsePayload(contract, event, body)
      const answer: unknown = await handler(payload, request, context)
      if (answer instanceof Response) return answer
      const hasAck = contract.clientToServer[event]?.ack !== undefined
      return Response.json(hasAck && answer !== undefined ? { ok: true, data: answer } : { ok: true }, {
        status: options.status ?? 200,
      })
    } catch (error) {
      if (isNextControlFlow(error)) throw error
      if (VolleyError.is(error)) return refuse(error)
      logger?.error(
        `[volley] route handler for "${event}" (${request.method} ${new URL(request.url).pathname}) failed:`,
        error,
      )
      return errorResponse(
        new VolleyError(
          'HANDLER_ERROR',
          'The handler failed. The error was logged on the side that handled it.',
        ),
      )
    }
  }
}
