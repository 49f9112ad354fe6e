import { createServer, type RequestListener, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Where `listen` binds. */
export interface ListenOptions {
  /** The port; `0` picks a free one. Defaults to `0`. */
  port?: number
  /**
   * The host or address to bind, such as `'127.0.0.1'` to accept connections from this machine only.
   * Defaults to all interfaces (`::`, or `0.0.0.0` without IPv6), as Node does.
   */
  host?: string
}

/** What `listen` resolves to. */
export interface ListenResult {
  /** The Node HTTP server shared by Express and Socket.IO. */
  readonly server: HttpServer
  /** The port it listens on (the real one when you asked for `0`). */
  readonly port: number
  /** The address it binds, as Node reports it: `::` or `0.0.0.0` for all interfaces, else the one address. */
  readonly address: string
  /** Whether it accepts connections on every interface (the default), not only on one address. */
  readonly allInterfaces: boolean
  /** A URL that reaches it from this machine: `http://localhost:<port>` when bound to all interfaces, else the host you gave. */
  readonly url: string
  /**
   * What it binds, for a log line: `http://localhost:3000 (all interfaces, port 3000)` or
   * `http://127.0.0.1:3000 (127.0.0.1 only)`.
   */
  readonly summary: string
  /** Closes every socket, then the HTTP server; calling it again returns the same promise. */
  close(): Promise<void>
}

const WILDCARDS = new Set(['::', '0.0.0.0', '::ffff:0.0.0.0'])

/**
 * Starts an Express app and a Volley server on one HTTP server and one port, and says what it binds.
 *
 * @example
 * const server = await listen(app, io, Number(process.env.PORT ?? 3000), process.env.HOST)
 * console.log(`listening on ${server.summary}`) // http://localhost:3000 (all interfaces, port 3000)
 * @param app - the Express app (any Node request listener)
 * @param io - the Volley server (from `createServer`)
 * @param options - a port, or `{ port, host }`
 * @param host - the host to bind when `options` is a port. Defaults to all interfaces.
 * @returns the server, its port, address and url, a `summary` to log, and `close`
 */
export async function listen(
  app: RequestListener,
  io: { attach(server: HttpServer): unknown; close(): Promise<void> },
  options: number | ListenOptions = {},
  host?: string,
): Promise<ListenResult> {
  const wanted = typeof options === 'number' ? { port: options, host } : { host, ...options }
  const server = createServer(app)
  io.attach(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(wanted.port ?? 0, wanted.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { address, port } = server.address() as AddressInfo
  const allInterfaces = WILDCARDS.has(address)
  const urlHost = allInterfaces ? 'localhost' : (wanted.host ?? address)
  const url = `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${port}`
  let closing: Promise<void> | undefined
  return {
    server,
    port,
    address,
    allInterfaces,
    url,
    summary: allInterfaces ? `${url} (all interfaces, port ${port})` : `${url} (${address} only)`,
    close() {
      server.closeIdleConnections()
      closing ??= io.close()
      return closing
    },
  }
}
