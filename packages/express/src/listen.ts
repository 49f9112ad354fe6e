import { createServer, type RequestListener, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Where `listen` binds. */
export interface ListenOptions {
  /** The port; `0` picks a free one. Defaults to `0`. */
  port?: number
  /** The host. Defaults to all interfaces (Node's default). */
  host?: string
}

/** What `listen` resolves to. */
export interface ListenResult {
  /** The Node HTTP server shared by Express and Socket.IO. */
  readonly server: HttpServer
  /** The port it listens on (the real one when you asked for `0`). */
  readonly port: number
  /** `http://localhost:<port>` (or the host you gave). */
  readonly url: string
  /** Closes every socket, then the HTTP server; calling it again returns the same promise. */
  close(): Promise<void>
}

/**
 * Starts an Express app and a Volley server on one HTTP server and one port.
 *
 * @example
 * const { port, close } = await listen(app, io, { port: Number(process.env.PORT ?? 3000) })
 * @param app - the Express app (any Node request listener)
 * @param io - the Volley server (from `createServer`)
 * @param options - a port, or `{ port, host }`
 * @returns the server, its port and url, and `close`
 */
export async function listen(
  app: RequestListener,
  io: { attach(server: HttpServer): unknown; close(): Promise<void> },
  options: number | ListenOptions = {},
): Promise<ListenResult> {
  const { port = 0, host } = typeof options === 'number' ? { port: options } : options
  const server = createServer(app)
  io.attach(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const actual = (server.address() as AddressInfo).port
  const urlHost = host === undefined || host === '0.0.0.0' || host === '::' ? 'localhost' : host
  let closing: Promise<void> | undefined
  return {
    server,
    port: actual,
    url: `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${actual}`,
    close() {
      server.closeIdleConnections()
      closing ??= io.close()
      return closing
    },
  }
}
