import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ContractDefinition } from '@volley/core'
import { createClient, type CreateClientOptions, type VolleyClient } from '@volley/core/client'
import { createServer, type VolleyServer } from '@volley/core/server'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  cleanup()
  for (const step of cleanups.splice(0).reverse()) await step()
})

/** A real Volley server on port 0 that counts connections; closed after the test. */
export async function startServer<TContract extends ContractDefinition>(
  contract: TContract,
): Promise<{ io: VolleyServer<TContract>; url: string; connections: () => number }> {
  const http = createHttpServer()
  const io = createServer(contract, { logger: false })
  io.attach(http)
  let count = 0
  io.raw.on('connection', () => void (count += 1))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo
  cleanups.push(() => io.close())
  return { io, url: `http://127.0.0.1:${port}`, connections: () => count }
}

/** A client that the provider will connect (`autoConnect: false`), disconnected after the test. */
export function makeClient<TContract extends ContractDefinition>(
  contract: TContract,
  url: string,
  options: CreateClientOptions<TContract> = {},
): VolleyClient<TContract> {
  const client = createClient(contract, url, {
    autoConnect: false,
    transports: ['websocket'],
    logger: false,
    ...options,
  })
  cleanups.push(() => client.disconnect())
  return client
}

/** Runs a cleanup after the test. */
export function onCleanup(step: () => unknown): void {
  cleanups.push(step)
}

/** Resolves once a store's snapshot satisfies a predicate. */
export function until<TSnapshot>(
  store: { getSnapshot(): TSnapshot; subscribe(listener: () => void): () => void },
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
