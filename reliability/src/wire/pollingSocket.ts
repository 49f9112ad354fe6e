import type { OpenPacket } from './rawSocket'

/** Engine.IO v4 separates the packets of one HTTP long-polling payload with this character. */
export const SEPARATOR = '\x1e'

/**
 * A Socket.IO client written against the wire over HTTP long-polling: each `send` is one POST with the
 * given packets (malformed ones included), each `poll` one GET. Used by the reliability suite to send
 * the same frame cases as over WebSocket.
 */
export class PollingSocket {
  #closed = false

  private constructor(
    readonly base: string,
    readonly open: OpenPacket,
  ) {}

  /**
   * Opens an Engine.IO v4 long-polling session.
   *
   * @example
   * const socket = await PollingSocket.connect('http://127.0.0.1:3000')
   * @param url - the server's http URL
   * @returns the open session (no namespace joined yet)
   */
  static async connect(url: string): Promise<PollingSocket> {
    const base = `${url}/socket.io/?EIO=4&transport=polling`
    const response = await fetch(base)
    const text = await response.text()
    if (!text.startsWith('0')) throw new Error(`expected an open packet, got ${text.slice(0, 80)}`)
    const open = JSON.parse(text.slice(1).split(SEPARATOR)[0]!) as OpenPacket
    return new PollingSocket(`${base}&sid=${open.sid}`, open)
  }

  /**
   * POSTs one payload: the packets joined with the separator, or a raw body.
   * @returns the HTTP status (`200` when the server took it, `400` when it refused the payload)
   */
  async send(...packets: string[]): Promise<number> {
    return this.post(packets.join(SEPARATOR))
  }

  /** POSTs a body as it is. */
  async post(body: string | Uint8Array, contentType = 'text/plain;charset=UTF-8'): Promise<number> {
    const response = await fetch(this.base, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    })
    await response.arrayBuffer()
    if (response.status !== 200) this.#closed = true
    return response.status
  }

  /** GETs the next payload (waits until the server has something) and splits it into packets. */
  async poll(): Promise<string[]> {
    const response = await fetch(this.base)
    const text = await response.text()
    if (response.status !== 200) {
      this.#closed = true
      return []
    }
    const packets = text.split(SEPARATOR)
    if (packets.includes('1')) this.#closed = true
    return packets
  }

  /** Joins a namespace and resolves with the server's CONNECT or CONNECT_ERROR packet. */
  async join(namespace = '/', auth?: unknown): Promise<string> {
    const prefix = namespace === '/' ? '' : `${namespace},`
    await this.send(`40${prefix}${auth === undefined ? '' : JSON.stringify(auth)}`)
    for (;;) {
      const packets = await this.poll()
      const answer = packets.find((p) => p.startsWith(`40${prefix}`) || p.startsWith(`44${prefix}`))
      if (answer !== undefined) return answer
      if (this.#closed) throw new Error('closed while joining')
    }
  }

  /** Whether the server ended the session (a refused POST, a failed GET, or a close packet). */
  get closed(): boolean {
    return this.#closed
  }

  /** Sends a close packet (ignoring a session the server already closed). */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.post('1').catch(() => 0)
  }
}
