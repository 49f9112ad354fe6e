import WebSocket from 'ws'

/** The Engine.IO open packet (`0{...}`). */
export interface OpenPacket {
  readonly sid: string
  readonly pingInterval: number
  readonly pingTimeout: number
  readonly maxPayload: number
}

/** Options of `openWebSocket`. */
export interface RawSocketOptions {
  /** Answer Engine.IO pings (`2`) with pongs (`3`). Defaults to `true`. */
  readonly answerPings?: boolean
  /** The server's Socket.IO path. Defaults to `/socket.io/`. */
  readonly path?: string
  /** Keep every received frame in `frames` (memory grows with traffic). Defaults to `true`. */
  readonly record?: boolean
}

type Waiter = {
  readonly match: (frame: string | Buffer) => boolean
  readonly resolve: (frame: string) => void
}

/**
 * A Socket.IO client written against the wire, over a plain `ws` WebSocket: it sends exactly the frames it
 * is given (malformed ones included) and exposes what comes back. Used by the reliability suite and the
 * soak to speak to raw socket.io and Volley alike, without socket.io-client's own checks.
 */
export class RawSocket {
  /** Every frame received, in order (text as strings, binary as Buffers), unless `record` is off. */
  readonly frames: (string | Buffer)[] = []
  /** Resolves with the close code once the connection is closed. */
  readonly closed: Promise<number>
  /** Frames received so far (also counted when not recorded). */
  received = 0
  #waiters: Waiter[] = []
  #ackId = 0

  private constructor(
    readonly ws: WebSocket,
    readonly open: OpenPacket,
    options: RawSocketOptions,
  ) {
    const answerPings = options.answerPings ?? true
    const record = options.record ?? true
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)))
    ws.on('message', (data: Buffer, isBinary) => {
      const frame = isBinary ? data : data.toString()
      this.received += 1
      if (frame === '2' && answerPings) ws.send('3')
      if (record) this.frames.push(frame)
      for (const waiter of [...this.#waiters]) {
        if (typeof frame === 'string' && waiter.match(frame)) {
          this.#waiters = this.#waiters.filter((w) => w !== waiter)
          waiter.resolve(frame)
        }
      }
    })
  }

  /**
   * Opens an Engine.IO v4 WebSocket connection and waits for its open packet.
   *
   * @example
   * const socket = await RawSocket.connect('http://127.0.0.1:3000')
   * @param url - the server's http URL
   * @param options - pings, path, recording
   * @returns the open socket (no namespace joined yet: call `join`)
   */
  static connect(url: string, options: RawSocketOptions = {}): Promise<RawSocket> {
    const path = options.path ?? '/socket.io/'
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${path}?EIO=4&transport=websocket`)
    return new Promise((resolve, reject) => {
      ws.once('error', reject)
      ws.once('message', (data: Buffer) => {
        const text = data.toString()
        if (!text.startsWith('0'))
          return reject(new Error(`expected an open packet, got ${text.slice(0, 80)}`))
        resolve(new RawSocket(ws, JSON.parse(text.slice(1)) as OpenPacket, options))
      })
    })
  }

  /** Sends one frame as it is. */
  send(frame: string | Buffer): void {
    this.ws.send(frame)
  }

  /** Resolves with the next received text frame that satisfies `match` (frames already received do not count). */
  next(match: (frame: string) => boolean, timeoutMs = 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter)
        reject(new Error(`no matching frame within ${timeoutMs} ms`))
      }, timeoutMs)
      const waiter: Waiter = {
        match: (frame) => typeof frame === 'string' && match(frame),
        resolve: (frame) => {
          clearTimeout(timer)
          resolve(frame)
        },
      }
      this.#waiters.push(waiter)
    })
  }

  /**
   * Joins a namespace with a Socket.IO CONNECT packet.
   *
   * @param namespace - e.g. `/` or `/admin`
   * @param auth - the handshake `auth` object
   * @returns the CONNECT (`40…`) or CONNECT_ERROR (`44…`) frame the server answered with
   */
  join(namespace = '/', auth?: unknown): Promise<string> {
    const prefix = namespace === '/' ? '' : `${namespace},`
    const answer = this.next((f) => f.startsWith(`40${prefix}`) || f.startsWith(`44${prefix}`))
    this.send(`40${prefix}${auth === undefined ? '' : JSON.stringify(auth)}`)
    return answer
  }

  /** Sends an EVENT packet on the main namespace; with `ack`, resolves with the first ack argument. */
  emit(event: string, ...args: unknown[]): void {
    this.send(`42${JSON.stringify([event, ...args])}`)
  }

  /** Sends an EVENT packet with an ack id and resolves with the first argument of the ack. */
  request(event: string, ...args: unknown[]): Promise<unknown> {
    const id = ++this.#ackId
    const answer = this.next((f) => f.startsWith(`43${id}[`))
    this.send(`42${id}${JSON.stringify([event, ...args])}`)
    return answer.then((frame) => (JSON.parse(frame.slice(2 + String(id).length)) as unknown[])[0])
  }

  /**
   * Sends one frame `count` times as fast as the connection takes them, never queuing more than about
   * 1 MB locally; stops early when the connection closes or `until` says so.
   * @returns how many frames were sent
   */
  async flood(frame: string, count: number, until?: () => boolean): Promise<number> {
    let sent = 0
    const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
    while (sent < count && this.isOpen && until?.() !== true) {
      const batch = Math.min(500, count - sent)
      for (let i = 0; i < batch; i += 1) this.ws.send(frame)
      sent += batch
      while (this.ws.bufferedAmount > 1 << 20 && this.isOpen) await tick()
      await tick()
    }
    return sent
  }

  /** Stops reading from the TCP socket: the server's writes back up, as with a frozen client. */
  pause(): void {
    ;(this.ws as unknown as { _socket: { pause(): void } })._socket.pause()
  }

  /** Whether the connection is still open. */
  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN
  }

  /** Closes the connection and resolves once it is closed. */
  close(): Promise<number> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close()
    return this.closed
  }

  /** Drops the TCP connection without a close handshake. */
  terminate(): void {
    this.ws.terminate()
  }
}
