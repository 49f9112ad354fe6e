import type { IncomingMessage, Server as HttpServer } from 'node:http'
import type { Duplex } from 'node:stream'

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void

/** Options for `routeUpgrades`. @internal */
export interface RouteUpgradesOptions {
  /** Whether an upgrade belongs to Volley (socket.io's path). */
  isVolley(url: string): boolean
  /** Upgrades nobody answered within this many milliseconds are closed. */
  idleTimeout: number
}

/**
 * Makes the server's `upgrade` event a router: Volley's upgrades (socket.io's path) go to the listeners the
 * engine added in `attach`, every other upgrade (Next's HMR websocket, whatever its path) to the listeners
 * that others add later, the way Next does on its first request. An upgrade that arrives before any such
 * listener exists (a browser tab reconnecting its HMR socket right after a dev-server restart) waits for
 * one, instead of being closed after 1 s by engine.io.
 * @returns `upgraded`, the sockets handed to the other listeners, and `stop`, which stops holding upgrades
 * @internal
 */
export function routeUpgrades(
  server: HttpServer,
  volley: UpgradeListener[],
  options: RouteUpgradesOptions,
): { readonly upgraded: ReadonlySet<Duplex>; stop(): void } {
  const others: UpgradeListener[] = []
  const upgraded = new Set<Duplex>()
  const waiting = new Set<[IncomingMessage, Duplex, Buffer]>()
  const closeIfIdle = (socket: Duplex): void => {
    const timer = setTimeout(() => {
      const raw = socket as Duplex & { bytesWritten?: number }
      if (socket.writable && (raw.bytesWritten ?? 0) <= 0) socket.end()
    }, options.idleTimeout)
    timer.unref()
  }
  const toOthers = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    upgraded.add(socket)
    socket.once('close', () => upgraded.delete(socket))
    for (const listener of [...others]) listener.call(server, req, socket, head)
    closeIfIdle(socket)
  }
  const router: UpgradeListener = (req, socket, head) => {
    socket.on('error', () => {})
    if (options.isVolley(req.url ?? '/')) {
      for (const listener of volley) listener.call(server, req, socket, head)
      return
    }
    if (others.length > 0) return toOthers(req, socket, head)
    const entry: [IncomingMessage, Duplex, Buffer] = [req, socket, head]
    waiting.add(entry)
    socket.once('close', () => waiting.delete(entry))
    setTimeout(() => {
      if (waiting.delete(entry)) socket.end()
    }, options.idleTimeout).unref()
  }
  for (const listener of volley) server.off('upgrade', listener)
  server.on('upgrade', router)
  // Next adds its listener on its first request (to this server): move it behind the router.
  const adopt = (event: string | symbol, listener: UpgradeListener): void => {
    if (event !== 'upgrade' || listener === router) return
    process.nextTick(() => {
      server.off('upgrade', listener)
      others.push(listener)
      for (const entry of [...waiting]) {
        waiting.delete(entry)
        toOthers(...entry)
      }
    })
  }
  server.on('newListener', adopt)
  return {
    upgraded,
    stop() {
      server.off('newListener', adopt)
      for (const [, socket] of waiting) socket.destroy()
      waiting.clear()
    },
  }
}
