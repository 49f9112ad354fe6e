import type { OutgoingLimitOptions } from './limits'

/** A packet waiting in Engine.IO's write buffer. */
interface QueuedPacket {
  readonly data?: unknown
  readonly options?: { readonly wsPreEncodedFrame?: unknown }
}

/** The parts of an Engine.IO connection the guard reads. @internal */
export interface EngineConnection {
  readonly id: string
  readonly writeBuffer: readonly QueuedPacket[]
  readonly transport?: { readonly socket?: { readonly bufferedAmount?: number; terminate?(): void } }
  close(discard?: boolean): void
}

/** The part of an Engine.IO server the guard reads. @internal */
export interface EngineServer {
  readonly clients: Record<string, EngineConnection>
}

/** A connection past the hard cap (this many times `maxBytes`) is closed at once. */
const HARD_CAP = 4

/** Bookkeeping memory of one queued packet (its object, options and slot), beyond its data. */
const PACKET_OVERHEAD = 128

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength
  return 0
}

/**
 * Bytes waiting for a connection, counted as the memory they hold: the WebSocket's buffered amount, plus
 * for each packet in Engine.IO's write buffer its data, its pre-encoded WebSocket frame (broadcasts) and
 * `PACKET_OVERHEAD`; counted only up to `stopAt`, so a huge queue costs no more than a small one. @internal
 */
export function queuedBytes(connection: EngineConnection, stopAt: number): number {
  let bytes = connection.transport?.socket?.bufferedAmount ?? 0
  const buffer = connection.writeBuffer
  for (let i = 0; i < buffer.length && bytes <= stopAt; i += 1) {
    const packet = buffer[i]!
    bytes += sizeOf(packet.data) + sizeOf(packet.options?.wsPreEncodedFrame) + PACKET_OVERHEAD
  }
  return bytes
}

/**
 * Bounds what waits for slow consumers (`limits.outgoing`). One timer per server walks the engine's
 * connections every `grace / 5` ms (at most every 250 ms): a connection over `maxBytes` at two checks
 * `grace` apart, or over 4 times `maxBytes` at one, is closed and its buffers dropped. Nothing is kept
 * per connection unless it is over the cap. socket.io itself already drops `volatile` packets for a
 * connection that is not writable. @internal
 */
export class OutgoingGuard {
  readonly #over = new WeakMap<EngineConnection, number>()
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(
    private readonly limits: Required<OutgoingLimitOptions>,
    private readonly onClose: (connection: EngineConnection, bytes: number) => void,
  ) {}

  /** Starts checking an engine's connections (again, after a new `attach`). */
  start(engine: EngineServer): void {
    this.stop()
    const every = Math.min(250, Math.max(10, this.limits.grace / 5))
    this.#timer = setInterval(() => this.check(engine, Date.now()), every)
    this.#timer.unref()
  }

  stop(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }

  /** One pass over the connections. */
  check(engine: EngineServer, now: number): void {
    const { maxBytes, grace } = this.limits
    for (const id in engine.clients) {
      const connection = engine.clients[id]!
      if (
        connection.writeBuffer.length === 0 &&
        (connection.transport?.socket?.bufferedAmount ?? 0) <= maxBytes
      ) {
        this.#over.delete(connection)
        continue
      }
      const bytes = queuedBytes(connection, HARD_CAP * maxBytes)
      if (bytes <= maxBytes) {
        this.#over.delete(connection)
        continue
      }
      const since = this.#over.get(connection)
      if (bytes > HARD_CAP * maxBytes || (since !== undefined && now - since >= grace)) {
        this.#over.delete(connection)
        this.#close(connection, bytes)
      } else if (since === undefined) this.#over.set(connection, now)
    }
  }

  #close(connection: EngineConnection, bytes: number): void {
    try {
      this.onClose(connection, bytes)
    } finally {
      const socket = connection.transport?.socket
      connection.close(true)
      // The client does not read: a WebSocket close handshake would wait behind the queued data.
      socket?.terminate?.()
    }
  }
}
