import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'
import { z } from 'zod'
import { defineContract, type VolleyLogger } from '@volley/core'
import { createClient, type VolleyClient } from '@volley/core/client'
import { createServer, type CreateServerOptions, type VolleyServer } from '@volley/core/server'

const message = z.object({ room: z.string().max(64), text: z.string().min(1).max(2000) })
const upload = z.object({ name: z.string().max(64), bytes: z.instanceof(Uint8Array) })
const tags = z.array(z.string().max(32)).max(100)

/** The contract every reliability test speaks: requests, fire-and-forget, binary and arrays. */
export const target = defineContract({
  clientToServer: {
    'message:send': { payload: message, ack: z.object({ id: z.string() }) },
    typing: { payload: z.object({ room: z.string().max(64) }) },
    upload: { payload: upload, ack: z.object({ size: z.number() }) },
    tags: { payload: tags, ack: z.number() },
    ping: { payload: z.undefined(), ack: z.literal('pong') },
  },
  serverToClient: {
    'message:new': { payload: z.object({ room: z.string(), text: z.string() }) },
  },
})

/** A namespace with handshake auth, for CONNECT cases. */
export const secure = defineContract({
  clientToServer: { ping: { payload: z.undefined(), ack: z.literal('pong') } },
  serverToClient: {},
  auth: z.object({ token: z.string().min(3).max(256) }),
})

/** Wire error codes a refusal may carry. */
export const REFUSAL_CODES = ['VALIDATION_FAILED', 'UNKNOWN_EVENT', 'RATE_LIMITED', 'PAYLOAD_TOO_LARGE']

/** A logger that records lines and counts their bytes. */
export function recordingLogger(): VolleyLogger & { lines: string[]; bytes(): number } {
  const lines: string[] = []
  const record = (message: string): void => void lines.push(message)
  return { lines, warn: record, error: record, bytes: () => lines.reduce((n, l) => n + l.length + 1, 0) }
}

/** What the handlers saw: calls, and calls whose payload its schema would refuse (must stay 0). */
export interface HandlerStats {
  calls: number
  invalid: number
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/**
 * Starts a Volley server on port 0 (closed after the test) whose handlers re-check every payload they
 * get against the schema, counting any that is invalid; `/secure` requires auth.
 */
export async function startTarget(
  options: CreateServerOptions<Record<string, unknown>, typeof target> = {},
): Promise<{ io: VolleyServer<typeof target>; url: string; stats: HandlerStats }> {
  const stats: HandlerStats = { calls: 0, invalid: 0 }
  const check = (schema: z.ZodType, payload: unknown): void => {
    stats.calls += 1
    if (!schema.safeParse(payload).success) stats.invalid += 1
  }
  const http = createHttpServer()
  const io = createServer(target, { logger: false, ...options })
  io.attach(http)
  io.on('connection', (socket) => {
    socket.on('message:send', (payload) => {
      check(message, payload)
      return { id: `m${stats.calls}` }
    })
    socket.on('typing', (payload) => check(z.object({ room: z.string().max(64) }), payload))
    socket.on('upload', (payload) => {
      check(upload, payload)
      return { size: payload.bytes.byteLength }
    })
    socket.on('tags', (payload) => {
      check(tags, payload)
      return payload.length
    })
    socket.on('ping', () => 'pong' as const)
  })
  io.of('/secure', secure).on('connection', (socket) => socket.on('ping', () => 'pong' as const))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => io.close().catch(() => {}))
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, stats }
}

/** A well-behaved Volley client, connected; disconnected after the test. */
export async function goodClient(url: string): Promise<VolleyClient<typeof target>> {
  const client = createClient(target, url, { transports: ['websocket'], logger: false, reconnection: false })
  cleanups.push(() => client.disconnect())
  await new Promise<void>((resolve, reject) => {
    client.raw.once('connect', () => resolve())
    client.raw.once('connect_error', reject)
  })
  return client
}

/** Registers a cleanup to run after the test. */
export function onCleanup(cleanup: () => unknown): void {
  cleanups.push(cleanup)
}

/** Counts uncaught exceptions and unhandled rejections while a test runs. */
export function watchUncaught(): { readonly count: number } {
  const seen = { count: 0 }
  const count = (): void => void (seen.count += 1)
  process.on('uncaughtException', count)
  process.on('unhandledRejection', count)
  cleanups.push(() => {
    process.off('uncaughtException', count)
    process.off('unhandledRejection', count)
  })
  return seen
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
