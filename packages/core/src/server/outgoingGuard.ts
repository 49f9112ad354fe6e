import type { OutgoingLimitOptions } from './limits'

/** A packet waiting in Engine.IO's write buffer. */
interface QueuedPacket {
  readonly data?: unknown
  readonly options?: { readonly wsPreEncodedFrame?: unknown }
}

/** The parts of an Engine.IO connection the guard reads. @internal */
export interface EngineConnection {
  readonly id: string
  readonly readyState: string
  readonly writeBuffer: readonly QueuedPacket[]
  readonly transport?: { readonly socket?: { readonly bufferedAmount?: number; terminate?(): void } }
  close(discard?: boolean): void
}

/** The part of a socket.io server the guard reads: its namespaces' sockets and their connections. @internal */
export interface SocketServer {
  readonly _nsps: ReadonlyMap<
    string,
    { readonly sockets: ReadonlyMap<string, { readonly conn: EngineConnection }> }
  >
}

/** A connection past the hard cap (this many times `maxBytes`) is closed at once. */
const HARD_CAP = 4

/**
 * Memory one queued packet holds beyond its data and frame (packet and options objects, encoded copies),
 * as measured for small broadcast packets.
 */
const PACKET_OVERHEAD = 512
/** How often connections that had data waiting at the last full pass are checked again, in ms. */
const SUSPECT_EVERY = 100

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
 * Bounds what waits for slow consumers (`limits.outgoing`). One timer per server walks the sockets of
 * every namespace (Maps: no allocation, well under a microsecond per socket) every `grace / 5` ms, at
 * most every second; connections with more than a quarter of `maxBytes` waiting are checked again every
 * 100 ms until they drain. A connection over `maxBytes` for `grace` ms, or over 4 times `maxBytes` at any check, is
 * closed and its buffers dropped. Nothing is kept per connection unless data waits for it. socket.io
 * itself already drops `volatile` packets for a connection that is not writable. @internal
 */
export class OutgoingGuard {
  readonly #over = new WeakMap<EngineConnection, number>()
  /** Connections with more than a quarter of `maxBytes` waiting at their last check. */
  readonly #suspects = new Set<EngineConnection>()
  #timers: ReturnType<typeof setInterval>[] = []

  constructor(
    private readonly limits: Required<OutgoingLimitOptions>,
    private readonly onClose: (connection: EngineConnection, bytes: number) => void,
  ) {}

  /** Starts checking a server's connections (again, after a new `attach`). */
  start(server: SocketServer): void {
    this.stop()
    const every = Math.min(1_000, Math.max(10, this.limits.grace / 5))
    this.#timers = [
      setInterval(() => this.check(server, Date.now()), every),
      setInterval(() => this.#checkSuspects(Date.now()), Math.min(every, SUSPECT_EVERY)),
    ]
    for (const timer of this.#timers) timer.unref()
  }

  stop(): void {
    for (const timer of this.#timers) clearInterval(timer)
    this.#timers = []
    this.#suspects.clear()
  }

  /** One pass over the connections (one with sockets in several namespaces is seen once per socket). */
  check(server: SocketServer, now: number): void {
    for (const namespace of server._nsps.values()) {
      for (const socket of namespace.sockets.values()) this.#check(socket.conn, now)
    }
  }

  #checkSuspects(now: number): void {
    for (const connection of this.#suspects) this.#check(connection, now)
  }

  #check(connection: EngineConnection, now: number): void {
    const { maxBytes, grace } = this.limits
    const open = connection.readyState === 'open'
    const waiting =
      connection.writeBuffer.length > 0 || (connection.transport?.socket?.bufferedAmount ?? 0) > 0
    const bytes = open && waiting ? queuedBytes(connection, HARD_CAP * maxBytes) : 0
    // A quarter of the cap waiting is unusual for a client that reads: watch it closely.
    if (bytes > maxBytes / 4) this.#suspects.add(connection)
    else this.#suspects.delete(connection)
    if (bytes <= maxBytes) {
      this.#over.delete(connection)
      return
    }
    const since = this.#over.get(connection)
    if (bytes > HARD_CAP * maxBytes || (since !== undefined && now - since >= grace)) {
      this.#over.delete(connection)
      this.#suspects.delete(connection)
      this.#close(connection, bytes)
    } else if (since === undefined) this.#over.set(connection, now)
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
