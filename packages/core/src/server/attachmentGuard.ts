import type { AttachmentLimitOptions } from './limits'

/** The part of socket.io-parser's `Decoder` the guard builds on. @internal */
interface Decoder {
  add(chunk: unknown): void
  destroy(): void
  /** Set while a binary packet waits for its attachments. */
  reconstructor?: unknown
}

/** socket.io's parser module (`io._parser`): an `Encoder` and a `Decoder` per connection. @internal */
export interface ParserModule {
  readonly Decoder: new (...args: never[]) => Decoder
}

function byteLength(chunk: unknown): number {
  return chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk) ? chunk.byteLength : 0
}

/**
 * Wraps socket.io's default parser so that each connection's decoder bounds binary packets whose
 * attachments never all arrive (`limits.attachments`). socket.io-parser allows up to 10 attachments of
 * up to `maxHttpBufferSize` each and holds them until the last one arrives, however long that takes. The
 * guarded decoder closes the connection (by throwing, which socket.io answers by closing it) once the
 * attachments of one packet pass `maxBytes`, and drops them after `timeout` ms (a later attachment then
 * closes the connection too). It keeps two numbers per connection. @internal
 *
 * @param parser - `io._parser`, socket.io-parser
 * @param limits - `maxBytes` and `timeout`
 * @param onDrop - told why a packet was dropped, for the log
 * @returns a parser module to put in its place
 */
export function guardAttachments<TParser extends ParserModule>(
  parser: TParser,
  limits: Required<AttachmentLimitOptions>,
  onDrop: (reason: string) => void,
): TParser {
  const Base = parser.Decoder as new () => Decoder
  class GuardedDecoder extends Base {
    #pending = 0
    #timer: ReturnType<typeof setTimeout> | undefined = undefined

    override add(chunk: unknown): void {
      if (typeof chunk !== 'string' && this.reconstructor) {
        this.#pending += byteLength(chunk)
        if (this.#pending > limits.maxBytes) {
          this.destroy()
          onDrop(`its attachments passed limits.attachments.maxBytes (${limits.maxBytes} bytes)`)
          throw new Error('[volley] binary attachments over limits.attachments.maxBytes')
        }
      }
      super.add(chunk)
      if (!this.reconstructor) this.#reset()
      else if (this.#timer === undefined) {
        this.#timer = setTimeout(() => {
          this.destroy()
          onDrop(
            `its attachments did not all arrive within limits.attachments.timeout (${limits.timeout} ms)`,
          )
        }, limits.timeout)
        this.#timer.unref()
      }
    }

    override destroy(): void {
      this.#reset()
      super.destroy()
    }

    #reset(): void {
      clearTimeout(this.#timer)
      this.#timer = undefined
      this.#pending = 0
    }
  }
  return { ...parser, Decoder: GuardedDecoder }
}
