import { createServer, request as httpRequest, type Server as HttpServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { ContractDefinition, VolleyLogger } from '@volley/core'
import { registerServer } from '../registry'
import { routeUpgrades } from './routeUpgrades'

/** The part of a Next app (`next({ dev })`) that `serve` uses. */
export interface NextApp {
  prepare(): Promise<void>
  getRequestHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void>
  close(): Promise<void>
}

/** The part of a Volley server (`createServer(contract)`) that `serve` uses. */
export interface ServeVolley {
  readonly contract: ContractDefinition
  readonly raw: { path(): string }
  attach(server: HttpServer, options?: { destroyUpgrade?: boolean }): unknown
  close(): Promise<void>
}

/** Options for `serve`. */
export interface ServeOptions {
  /** The Next app, from `next({ dev, dir })`; `serve` prepares it. */
  app: NextApp
  /** The Volley server, from `createServer(contract)`; `serve` attaches it and registers it for `getVolley`. */
  io: ServeVolley
  /** The port; `0` picks a free one. Defaults to `process.env.PORT`, else `3000`. */
  port?: number
  /** The host to bind. Defaults to all interfaces (Node's default). */
  hostname?: string
  /**
   * Signals that shut down gracefully (Volley, then HTTP, then Next) and exit with code 0; `false` to
   * install no handler and call `close()` yourself. Defaults to `['SIGINT', 'SIGTERM']`.
   */
  signals?: readonly NodeJS.Signals[] | false
  /** How long `close()` waits for open requests and sockets before it ends them, in ms. Defaults to `5_000`. */
  shutdownTimeout?: number
  /**
   * After `listen`, send one request through Next's handler, so that Next adds its `upgrade` listener at
   * once (it does so on its first request): an HMR websocket that arrives first waits until then. Defaults to `true`.
   */
  warmUp?: boolean
  /** Where shutdown steps and failures are logged; `false` for silence. Defaults to `console`. */
  logger?: (VolleyLogger & { info?(message: string): void }) | false
}

/** What `serve` resolves to. */
export interface ServeResult {
  /** The one Node HTTP server that serves Next and Volley. */
  readonly server: HttpServer
  /** The port it listens on (the real one when you asked for `0`). */
  readonly port: number
  /** `http://localhost:<port>` (or the host you gave). */
  readonly url: string
  /** Shuts down: Volley (sockets), then HTTP (open requests), then Next. Calling it again returns the same promise. */
  close(): Promise<void>
}

function warmUp(port: number): Promise<void> {
  // Next adds its `upgrade` listener on the first request through its handler; HEAD on a missing static
  // file is the cheapest such request (no page is compiled or rendered).
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: 'HEAD', path: '/_next/static/volley-warm-up' },
      (res) => {
        res.resume()
        res.on('end', resolve)
      },
    )
    req.on('error', () => resolve())
    req.setTimeout(10_000, () => req.destroy())
    req.end()
  })
}

/**
 * Serves a Next app (dev or production) and a Volley server on one Node HTTP server and one port. The
 * server is created with Next's request handler, then Volley attaches (engine.io passes every request off
 * its path to Next); upgrades are routed by path: socket.io's go to Volley, every other one (Next's HMR
 * websocket, whatever its path) to Next, also when it arrives before the first HTTP request (one warm-up
 * request after `listen` makes Next add its listener). The server is registered for `getVolley`. SIGINT
 * and SIGTERM close Volley, then HTTP, then Next, and exit with code 0.
 *
 * @example
 * // server.ts — `tsx server.ts --dev` in development, `next build && node server.js` in production
 * const app = next({ dev: process.argv.includes('--dev') })
 * const io = createServer(contract)
 * io.on('connection', (socket) => void socket.join('dashboard'))
 * const { url } = await serve({ app, io, port: Number(process.env.PORT ?? 3000) })
 * console.log(`> Ready on ${url}`)
 * @param options - `app`, `io`, `port`, `hostname`, `signals`, `shutdownTimeout`, `warmUp`, `logger`
 * @returns the server, its port and url, and `close`
 */
export async function serve(options: ServeOptions): Promise<ServeResult> {
  const { app, io, hostname } = options
  const logger = options.logger === false ? undefined : (options.logger ?? console)
  const shutdownTimeout = options.shutdownTimeout ?? 5_000
  await app.prepare()
  const handle = app.getRequestHandler()
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger?.error('[volley] the Next request handler failed:', error)
      if (!res.headersSent) res.statusCode = 500
      res.end()
    })
  })
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  const before = new Set(server.listeners('upgrade'))
  io.attach(server, { destroyUpgrade: false })
  const path = io.raw.path().replace(/\/$/, '')
  const routing = routeUpgrades(
    server,
    server.listeners('upgrade').filter((listener) => !before.has(listener)) as never,
    {
      isVolley: (url) => url === path || url.startsWith(`${path}/`) || url.startsWith(`${path}?`),
      idleTimeout: 10_000,
    },
  )
  const port = options.port ?? Number(process.env.PORT ?? 3000)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, hostname, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const actual = address.port
  const urlHost =
    hostname === undefined || hostname === '0.0.0.0' || hostname === '::' ? 'localhost' : hostname
  const url = `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${actual}`
  // Next fetches the page a Server Action redirects to from its own origin: `next start` sets this variable
  // once it knows its port, and so must a custom server (else Next asks port 3000).
  const self = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address
  process.env.__NEXT_PRIVATE_ORIGIN ??= `http://${self.includes(':') ? `[${self}]` : self}:${actual}`
  const unregister = registerServer({ io, url })
  if (options.warmUp !== false) await warmUp(actual)

  let closing: Promise<void> | undefined
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      unregister()
      routing.stop()
      const step = (name: string, work: Promise<unknown>): Promise<void> => {
        let timer: NodeJS.Timeout | undefined
        const late = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            logger?.warn(`[volley] shutdown: ${name} did not close within ${shutdownTimeout} ms; going on.`)
            resolve()
          }, shutdownTimeout)
        })
        const done = work.then(
          () => undefined,
          (error: unknown) => logger?.error(`[volley] shutdown: closing ${name} failed:`, error),
        )
        return Promise.race([done, late]).finally(() => clearTimeout(timer))
      }
      // 1. Volley: every socket is told and disconnected, then socket.io closes the HTTP server (2.): no new
      // connections; idle keep-alive ones and other upgrades (HMR) end now, open requests may finish within
      // the timeout, then whatever is left is ended.
      logger?.info?.('[volley] shutting down: Volley, then HTTP, then Next')
      const closed = io.close()
      await new Promise((resolve) => setImmediate(resolve))
      server.closeIdleConnections()
      for (const socket of routing.upgraded) socket.destroy()
      await step('Volley and HTTP', closed)
      for (const socket of sockets) socket.destroy()
      // 3. Next: its dev server (bundler, HMR) or its production server.
      await step('Next', app.close())
    })())

  if (options.signals !== false) {
    const signals = options.signals ?? ['SIGINT', 'SIGTERM']
    const onSignal = (): void => {
      for (const name of signals) process.off(name, onSignal)
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger?.error('[volley] shutdown failed:', error)
          process.exit(1)
        },
      )
    }
    for (const name of signals) process.on(name, onSignal)
  }
  return { server, port: actual, url, close }
}
