import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createClient, type VolleyClient } from '@volley/core/client'
import { listen } from '@volley/express'
import { connectRedis } from '@volley/redis'
import { startRedisServer, type RedisServer } from '@volley/redis-server'
import { chat } from '../shared/contract'
import { createChatApp } from '../server/createChatApp'

// The chat as two processes would run it (here two servers in one process, each with its own Redis
// client): a sign-in on one is known to the other, presence and messages cross.
let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis?.close()
})

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function worker(number: number): Promise<string> {
  const client = await connectRedis(redis.url, { logger: false })
  const { app, io, close } = createChatApp({
    log: false,
    sessionSecret: 'test',
    redis: client,
    worker: number,
  })
  const server = await listen(app, io, { port: 0, host: '127.0.0.1' })
  cleanups.push(async () => {
    await server.close()
    await close()
    client.disconnect()
  })
  return server.url
}

async function login(url: string, name: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  })
  expect(response.headers.get('x-chat-worker')).not.toBeNull()
  return response.headers.get('set-cookie')!.split(';')[0]!
}

function client(url: string, cookie: string): VolleyClient<typeof chat> {
  const c = createClient(chat, url, { transports: ['websocket'], extraHeaders: { cookie }, logger: false })
  cleanups.push(() => c.disconnect())
  return c
}

describe('the chat on two workers over Redis', () => {
  it('signs in on one worker and connects to the other; presence, history and messages cross workers', async () => {
    const [one, two] = [await worker(1), await worker(2)]
    const adaCookie = await login(one, 'Ada')
    const ada = client(two, adaCookie) // signed in on worker 1, connected to worker 2
    const bob = client(one, await login(two, 'Bob'))
    expect(await ada.request('server:info', {})).toMatchObject({ worker: 2 })
    expect(await bob.request('server:info', {})).toMatchObject({ worker: 1 })
    const adaHere = ada.presence('room', { room: 'general' }, { meta: { name: 'Ada', typing: false } })
    const bobHere = bob.presence('room', { room: 'general' }, { meta: { name: 'Bob', typing: true } })
    await vi.waitFor(() => {
      expect(adaHere.getSnapshot().others.map((m) => [m.meta.name, m.meta.typing])).toEqual([['Bob', true]])
      expect(bobHere.getSnapshot().others.map((m) => m.meta.name)).toEqual(['Ada'])
    })
    await ada.request('message:send', { room: 'general', text: 'sent on worker 2', clientId: 'c1' })
    const seen: string[] = []
    bob.subscribe(
      'room:messages',
      { room: 'general' },
      { from: 'start', onItems: (ms) => seen.push(...ms.map((m) => m.text)) },
    )
    await ada.request('message:send', { room: 'general', text: 'live across', clientId: 'c2' })
    await vi.waitFor(() => expect(seen).toEqual(['sent on worker 2', 'live across']))
    bobHere.leave()
    await vi.waitFor(() => expect(adaHere.getSnapshot().others).toEqual([]))
  })
})
