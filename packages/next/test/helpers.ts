import next from 'next'
import { createServer as createNetServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createClient, type VolleyClient } from '@volley/core/client'
import type { ContractDefinition } from '@volley/core'
import { afterEach } from 'vitest'
import WebSocket from 'ws'

export const fixtureDir = fileURLToPath(new URL('./fixture', import.meta.url))

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Runs a cleanup after the test. */
export function onCleanup(cleanup: () => unknown): void {
  cleanups.push(cleanup)
}

/** A port the OS says is free. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/** Opens a websocket (Next's HMR socket, say); resolves with it once open, rejects with the error (e.g. "socket hang up"). */
export function openWebSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url)
  onCleanup(() => ws.terminate())
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

/** Resolves with the first message of a websocket. */
export function firstMessage(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(String(data))))
}

/** A real Volley client (websocket only), disconnected after the test. */
export function connect<TContract extends ContractDefinition>(
  contract: TContract,
  url: string,
  headers?: Record<string, string>,
): VolleyClient<TContract> {
  const client = createClient(contract, url, {
    transports: ['websocket'],
    reconnection: false,
    logger: false,
    ...(headers === undefined ? {} : { extraHeaders: headers }),
  })
  onCleanup(() => client.disconnect())
  return client
}

/** Resolves with the next connection outcome: `'connected'` or the `connect_error`. */
export function outcome(client: {
  readonly raw: VolleyClient<ContractDefinition>['raw']
}): Promise<'connected' | (Error & { data?: { code?: string } })> {
  return new Promise((resolve) => {
    client.raw.once('connect', () => resolve('connected'))
    client.raw.once('connect_error', (error) => resolve(error))
  })
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A Next dev app on the fixture, with its own build directory (`.next/<name>`): Turbopack runs one dev
 * server per process and Next one per build directory, so each test file starts one.
 */
export async function fixtureApp(name: string): Promise<ReturnType<typeof next>> {
  process.env.VOLLEY_FIXTURE_DIST = `.next/${name}`
  return next({ dev: true, dir: fixtureDir, quiet: true })
}
