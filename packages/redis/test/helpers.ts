import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { ContractDefinition } from '@volley/core'
import { createClient, type CreateClientOptions, type VolleyClient } from '@volley/core/client'
import { createServer, type CreateServerOptions, type VolleyServer } from '@volley/core/server'
import { startRedisServer, type RedisServer } from '@volley/redis-server'
import type { Redis } from 'ioredis'
import { connectRedis } from '../src/index'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Runs something after the current test. */
export function onCleanup(cleanup: () => unknown): void {
  cleanups.push(cleanup)
}

/** A real redis-server for the whole file (started before its tests, stopped after). */
export function useRedisServer(): { readonly server: RedisServer } {
  const holder = {} as { server: RedisServer }
  beforeAll(async () => {
    holder.server = await startRedisServer()
  })
  afterAll(async () => {
    await holder.server?.close()
  })
  return holder
}

/** A connected ioredis client, closed after the test. */
export async function redisClient(url: string): Promise<Redis> {
  const redis = await connectRedis(url, { logger: false })
  cleanups.push(() => redis.disconnect())
  return redis
}

/** A real Volley server on port 0, closed after the test. */
export async function startServer<TContract extends ContractDefinition, TData = Record<string, unknown>>(
  contract: TContract,
  options: CreateServerOptions<TData> = {},
): Promise<{ io: VolleyServer<TContract, TData>; url: string }> {
  const http = createHttpServer()
  const io = createServer(contract, { logger: false, ...options })
  io.attach(http)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => io.close().catch(() => {}))
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` }
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
export function connected(client: {
  getSnapshot(): { status: string }
  subscribe(listener: () => void): () => void
}): Promise<void> {
  return new Promise((resolve) => {
    if (client.getSnapshot().status === 'connected') return resolve()
    const off = client.subscribe(() => {
      if (client.getSnapshot().status !== 'connected') return
      off()
      resolve()
    })
  })
}

/** Waits until a condition holds, polling. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeout = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeout
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
