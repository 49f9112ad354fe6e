import type { VolleyIssue, WireError } from './types'

/** Every error code Volley produces. */
export type VolleyErrorCode =
  | 'VALIDATION_FAILED'
  | 'HANDLER_ERROR'
  | 'UNKNOWN_EVENT'
  | 'TIMEOUT'
  | 'DISCONNECTED'
  | 'UNAUTHORIZED'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'

const CODES: ReadonlySet<string> = new Set<VolleyErrorCode>([
  'VALIDATION_FAILED',
  'HANDLER_ERROR',
  'UNKNOWN_EVENT',
  'TIMEOUT',
  'DISCONNECTED',
  'UNAUTHORIZED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
])

/**
 * The brand every `VolleyError` carries, shared through the global symbol registry so that every copy of
 * the class (the ESM and CommonJS builds, each entry point, two installed versions) recognises the others.
 */
const BRAND: unique symbol = Symbol.for('@volley/core/VolleyError')

/** Options for `new VolleyError(code, message, options)`. */
export interface VolleyErrorOptions {
  /** The underlying error, kept for logs. Never sent over the wire. */
  readonly cause?: unknown
  /** Validation issues, for `VALIDATION_FAILED`. */
  readonly issues?: readonly VolleyIssue[]
}

/**
 * The one error type Volley throws and rejects with; its `code` says what went wrong.
 *
 * Throw it from a server handler to send that code and message to the client; any other exception
 * reaches the client as `HANDLER_ERROR` with a generic message.
 *
 * @example
 * socket.on('room:join', async ({ room }) => {
 *   if (!(await canJoin(socket.data.user, room))) throw new VolleyError('UNAUTHORIZED', 'Not a member of this room')
 *   return { joined: room }
 * })
 *
 * `error instanceof VolleyError` is true for a Volley error from any copy of the package (ESM or
 * CommonJS, `@volley/core`, `/server` or `/client`), so it works however your code and your dependencies
 * load Volley.
 *
 * @param code - one of `VolleyErrorCode`
 * @param message - a message for the person or program on the other side
 * @param options - `cause` (kept locally) and `issues` (sent with validation failures)
 */
export class VolleyError extends Error {
  override readonly name = 'VolleyError'
  readonly code: VolleyErrorCode
  readonly issues: readonly VolleyIssue[] | undefined

  static {
    Object.defineProperty(this.prototype, BRAND, { value: true })
  }

  /**
   * Makes `instanceof VolleyError` recognise Volley errors from every copy of the class; a subclass keeps
   * the ordinary prototype check.
   *
   * @example
   * catch (error) { if (error instanceof VolleyError) console.log(error.code) }
   * @param value - any value
   * @returns `true` for a `VolleyError`
   */
  static override [Symbol.hasInstance](value: unknown): value is VolleyError {
    if (this !== VolleyError) return Function.prototype[Symbol.hasInstance].call(this, value)
    return typeof value === 'object' && value !== null && BRAND in value
  }

  constructor(code: VolleyErrorCode, message: string, options: VolleyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.issues = options.issues
  }

  /**
   * Tells whether a value is a `VolleyError`, even across copies of the package.
   *
   * @example
   * catch (error) { if (VolleyError.is(error) && error.code === 'TIMEOUT') retry() }
   * @param error - any caught value
   * @returns `true` for a `VolleyError`
   */
  static is(error: unknown): error is VolleyError {
    return (
      error instanceof VolleyError ||
      // Copies older than the shared brand.
      (error instanceof Error &&
        error.name === 'VolleyError' &&
        typeof (error as { code?: unknown }).code === 'string')
    )
  }

  /**
   * Rebuilds a `VolleyError` from the error object of a failed ack envelope.
   *
   * @example
   * const error = VolleyError.fromWire(envelope.error)
   * @param wire - the `error` member of `{ ok: false, error }`; anything malformed becomes `HANDLER_ERROR`
   * @returns the error, with `code`, `message` and `issues`
   */
  static fromWire(wire: unknown): VolleyError {
    if (typeof wire !== 'object' || wire === null) {
      return new VolleyError('HANDLER_ERROR', '[volley] The peer answered with a malformed error.')
    }
    const { code, message, issues } = wire as Partial<Record<keyof WireError, unknown>>
    const knownCode =
      typeof code === 'string' && CODES.has(code) ? (code as VolleyErrorCode) : 'HANDLER_ERROR'
    return new VolleyError(knownCode, typeof message === 'string' ? message : 'Request failed', {
      issues: Array.isArray(issues) ? (issues as VolleyIssue[]) : undefined,
    })
  }

  /**
   * The wire form of this error: `code`, `message` and `issues`, never `cause` or the stack.
   *
   * @example
   * ack({ ok: false, error: new VolleyError('UNAUTHORIZED', 'Sign in first').toJSON() })
   * @returns a plain object safe to send to the other side
   */
  toJSON(): WireError {
    return this.issues === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, issues: this.issues }
  }
}
