import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { defineContract } from '@volley/core'
import type { VolleyServer } from '@volley/core/server'
import type { Redis } from 'ioredis'
import { connectClient, connected, useRedisServer } from './helpers'

const redis = useRedisServer()

/** The quick start's contract, restated for a typed client. */
const mirror = defineContract({
  clientToServer: {
    join: { payload: z.object({ room: z.string() }) },
    'message:send': {
      payload: z.object({ room: z.string(), text: z.string().min(1) }),
      ack: z.object({ cursor: z.string() }),
    },
  },
  serverToClient: { notice: { payload: z.object({ text: z.string() }) } },
  subscriptions: {
    'room:messages': { params: z.object({ room: z.string() }), item: z.object({ text: z.string() }) },
  },
})
const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8')
const quickStart = /## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
const file = fileURLToPath(new URL('./.quickstart.generated.ts', import.meta.url))
afterEach(() => rmSync(file, { force: true }))

it('runs the README quick start: a server over Redis, a subscription, the emitter', async () => {
  expect(quickStart).toContain('createRedisOptions(redis')
  writeFileSync(file, quickStart.replace("from '@volley/redis'", "from '../src/index'"))
  process.env.REDIS_URL = redis.server.url
  process.env.PORT = '0'
  const module = (await import(/* @vite-ignore */ file)) as { io: VolleyServer<typeof mirror>; redis: Redis }
  try {
    const address = module.io.raw.httpServer.address() as { port: number }
    const client = connectClient(mirror, `http://127.0.0.1:${address.port}`)
    await connected(client)
    const texts: string[] = []
    const subscription = client.subscribe(
      'room:messages',
      { room: 'lobby' },
      {
        onItems: (items) => void texts.push(...items.map((item) => item.text)),
      },
    )
    await vi.waitFor(() => expect(subscription.getSnapshot().status).toBe('live'))
    const { cursor } = await client.request('message:send', { room: 'lobby', text: 'hi' }, { queue: true })
    await vi.waitFor(() => expect(texts).toEqual(['hi']))
    expect(subscription.cursor).toBe(cursor)
  } finally {
    await module.io.close()
    module.redis.disconnect()
  }
})
