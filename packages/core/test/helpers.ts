import type { AddressInfo } from 'node:net'
import { createServer as createHttpServer } from 'node:http'
import { afterEach } from 'vitest'
import type { ContractDefinition, VolleyLogger } from '../src/index'
import { createServer, type CreateServerOptions, type VolleyServer } from '../src/server/index'
import { createClient, type CreateClientOptions, type VolleyClient } from '../src/client/index'
import { io as rawClient, type Socket } from 'socket.io-client'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A logger that records instead of printing. */
export function recordingLogger(): VolleyLogger & { warnings: string[]; errors: string[] } {
  const warnings: string[] = []
  const errors: string[] = []
  return { warnings, errors, warn: (m) => void warnings.push(m), error: (m) => void errors.push(m) }
}

/** Starts a real Volley server on port 0; closed after the test. */
export async function startServer<TContract extends ContractDefinition, TData = Record<string, unknown>>(
  contract: TContract,
  options: CreateServerOptions<TData, TContract> = {},
): Promise<{ io: VolleyServer<TContract, TData>; url: string; port: number }> {
  const http = createHttpServer()
  const io = createServer(contract, { logger: false, ...options })
  io.attach(http)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const port = (http.address() as AddressInfo).port
  cleanups.push(() => io.close().catch(() => {}))
  return { io, url: `http://127.0.0.1:${port}`, port }
}

/** A real client, disconnected after the test. */
export function connectClient<TContract extends ContractDefinition>(
  contract: TContract,
  url: string,
  options: CreateClientOptions<TContract> = {},
): VolleyClient<TContract> {
  const client = createClient(contract, url, { transports: ['websocket'], logger: false, ...options })
  cleanups.push(() => client.disconnect())
  return client
}

/** Resolves once the client is connected. */
export function connected(
  client:
    | VolleyClient<ContractDefinition>
    | { getSnapshot(): { status: string }; subscribe(l: () => void): () => void },
): Promise<void> {
  return until(client, (s) => s.status === 'connected')
}

/** Resolves once the client's snapshot satisfies a predicate. */
export function until<TSnapshot>(
  store: { getSnapshot(): TSnapshot; subscribe(l: () => void): () => void },
  predicate: (snapshot: TSnapshot) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    if (predicate(store.getSnapshot())) return resolve()
    const off = store.subscribe(() => {
      if (predicate(store.getSnapshot())) {
        off()
        resolve()
      }
    })
  })
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Writes a socket.io packet as it is (malformed ones included) to a plain socket.io-client's engine. */
export function writeRaw(socket: Socket, packet: string): void {
  socket.io.engine.write(packet)
}

/** A plain socket.io-client (no Volley), connected; disconnected after the test. */
export function rawConnected(url: string, options: { auth?: object } = {}): Promise<Socket> {
  const socket = rawClient(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  })
  cleanups.push(() => socket.disconnect())
  return new Promise((resolve, reject) => {
    socket.on('connect', () => resolve(socket))
    socket.on('connect_error', reject)
  })
}
