import type { AddressInfo } from 'node:net'
import { createServer as createHttpServer } from 'node:http'
import { afterEach } from 'vitest'
import type { ContractDefinition } from '@volley/core'
import { createServer, type VolleyServer } from '@volley/core/server'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Registers a cleanup run after the current test. */
export function onCleanup(cleanup: () => unknown): void {
  cleanups.push(cleanup)
}

/** Starts a real Volley server on port 0; closed after the test. */
export async function startServer<TContract extends ContractDefinition>(
  contract: TContract,
): Promise<{ io: VolleyServer<TContract>; url: string }> {
  const http = createHttpServer()
  const io = createServer(contract, { logger: false })
  io.attach(http)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const port = (http.address() as AddressInfo).port
  cleanups.push(() => io.close())
  return { io, url: `http://127.0.0.1:${port}` }
}

/** Resolves once a predicate holds, polling every 10 ms (fails after 5 s). */
export async function waitFor(predicate: () => boolean, label = 'condition'): Promise<void> {
  const start = Date.now()
  while (!predicate()) {
    if (Date.now() - start > 5_000) throw new Error(`timed out waiting for ${label}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
