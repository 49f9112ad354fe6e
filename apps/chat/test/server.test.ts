import { afterEach, describe, expect, it, vi } from 'vitest'
import { io as rawClient, type Socket } from 'socket.io-client'
import { createClient, type VolleyClient } from '@volley/core/client'
import { listen } from '@volley/express'
import { chat } from '../shared/contract'
import { createChatApp } from '../server/createChatApp'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start(): Promise<string> {
  const { app, io } = createChatApp({ log: false, sessionSecret: 'test' })
  const server = await listen(app, io, { port: 0, host: '127.0.0.1' })
  cleanups.push(() => server.close())
  return server.url
}

async function login(url: string, name: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  })
  return response.headers.get('set-cookie')!.split(';')[0]!
}

function client(url: string, cookie: string): VolleyClient<typeof chat> {
  const c = createClient(chat, url, { transports: ['websocket'], extraHeaders: { cookie }, logger: false })
  cleanups.push(() => c.disconnect())
  return c
}

function connected(socket: {
  connected: boolean
  once(event: 'connect', listener: () => void): unknown
}): Promise<void> {
  return new Promise((resolve) => (socket.connected ? resolve() : socket.once('connect', () => resolve())))
}

function until<TSnapshot>(
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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('chat server', () => {
  it('refuses sockets without a session', async () => {
    const url = await start()
    const socket = rawClient(url, { transports: ['websocket'], reconnection: false })
    cleanups.push(() => socket.disconnect())
    const error = await new Promise<Error & { data?: { code: string; message: string } }>((resolve) =>
      socket.once('connect_error', resolve),
    )
    expect(error.data).toMatchObject({ code: 'UNAUTHORIZED', message: 'Sign in to chat.' })
  })

  it('validates message text on the server too (a client that skips the check gets VALIDATION_FAILED)', async () => {
    const url = await start()
    const socket: Socket = rawClient(url, {
      transports: ['websocket'],
      extraHeaders: { cookie: await login(url, 'mallory') },
    })
    cleanups.push(() => socket.disconnect())
    await connected(socket)
    for (const text of ['   ', 'x'.repeat(2001)]) {
      const envelope = await socket.emitWithAck('message:send', { room: 'general', text, clientId: 'c1' })
      expect(envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
      expect(envelope.error.message).toMatch(/Message cannot be empty|Message is too long/)
    }
    const ok = await socket.emitWithAck('message:send', {
      room: 'general',
      text: 'x'.repeat(2000),
      clientId: 'c2',
    })
    expect(ok).toMatchObject({ ok: true, data: { text: 'x'.repeat(2000), clientId: 'c2' } })
  })

  it('keys presence by user: two tabs are one member; typing is part of the meta; a bad meta is refused', async () => {
    const url = await start()
    const adaCookie = await login(url, 'Ada')
    const tab1 = client(url, adaCookie).presence(
      'room',
      { room: 'general' },
      { meta: { name: 'Ada', typing: false } },
    )
    const tab2 = client(url, adaCookie).presence(
      'room',
      { room: 'general' },
      { meta: { name: 'Ada', typing: true } },
    )
    const bob = client(url, await login(url, 'Bob')).presence(
      'room',
      { room: 'general' },
      { meta: { name: 'Bob', typing: false } },
    )
    await until(bob, (s) => s.others[0]?.connections.length === 2)
    expect(bob.getSnapshot().others.map((m) => m.meta.name)).toEqual(['Ada'])
    expect(bob.getSnapshot().others[0]!.connections.map((c) => c.meta.typing)).toEqual([false, true])
    await until(tab1, (s) => s.others.length === 1 && s.me?.connections.length === 2)
    await tab2.update({ name: 'Ada', typing: false })
    await until(bob, (s) => s.others[0]!.connections.every((c) => !c.meta.typing))
    await expect(tab1.update({ name: 'x'.repeat(33), typing: false })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    // Past the client's check, the server refuses it too.
    const raw: Socket = rawClient(url, { transports: ['websocket'], extraHeaders: { cookie: adaCookie } })
    cleanups.push(() => raw.disconnect())
    await connected(raw)
    const refused = await raw.emitWithAck('$volley:presence:join', {
      name: 'room',
      params: { room: 'general' },
      meta: { name: '', typing: 'yes' },
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
  })

  it('delivers messages through the room subscription, and the catch-up after a cut', async () => {
    const url = await start()
    const ada = client(url, await login(url, 'Ada'))
    const bob = client(url, await login(url, 'Bob'))
    await Promise.all([connected(ada.raw), connected(bob.raw)])
    const texts: string[] = []
    const batches: { replayed: boolean; resumed: boolean }[] = []
    const subscription = bob.subscribe(
      'room:messages',
      { room: 'general' },
      {
        from: 'start',
        onItems: (messages, { replayed, resumed }) => {
          texts.push(...messages.map((m) => m.text))
          batches.push({ replayed, resumed })
        },
      },
    )
    await until(subscription, (s) => s.status === 'live')
    const sent = await ada.request('message:send', { room: 'general', text: ' hello ', clientId: 'a1' })
    expect(sent).toMatchObject({ text: 'hello', author: { name: 'Ada' }, clientId: 'a1' })
    await vi.waitFor(() => expect(texts).toEqual(['hello']))

    bob.raw.io.engine.close()
    await until(bob, (s) => s.status === 'reconnecting')
    await ada.request('message:send', { room: 'general', text: 'while you were away', clientId: 'a2' })
    await ada.request('message:send', { room: 'general', text: 'and another', clientId: 'a3' })
    await connected(bob.raw)
    await vi.waitFor(() => expect(texts).toEqual(['hello', 'while you were away', 'and another']))
    expect(batches.at(-1)).toEqual({ replayed: true, resumed: true })
  })

  it('runs a message sent twice with the same key once (the outbox resend after a lost ack)', async () => {
    const url = await start()
    const ada = client(url, await login(url, 'Ada'))
    await connected(ada.raw)
    const texts: string[] = []
    const subscription = ada.subscribe(
      'room:messages',
      { room: 'help' },
      {
        onItems: (messages) => void texts.push(...messages.map((m) => m.text)),
      },
    )
    await until(subscription, (s) => s.status === 'live')
    const payload = { room: 'help' as const, text: 'once', clientId: 'k1' }
    const [first, second] = await Promise.all([
      ada.request('message:send', payload, { queue: true, key: 'k1' }),
      ada.request('message:send', payload, { key: 'k1' }),
    ])
    expect(second).toEqual(first)
    await sleep(50)
    expect(texts).toEqual(['once'])
  })

  it('lets a REST route publish a message to the room', async () => {
    const url = await start()
    const cookie = await login(url, 'Bot')
    const ada = client(url, await login(url, 'Ada'))
    const received = new Promise((resolve) => {
      const subscription = ada.subscribe(
        'room:messages',
        { room: 'random' },
        { onItems: ([message]) => resolve(message) },
      )
      cleanups.push(() => subscription.unsubscribe())
    })
    await until(ada, (s) => s.status === 'connected')
    const response = await fetch(`${url}/api/rooms/random/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ text: 'build passed' }),
    })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ message: { text: 'build passed' } })
    await expect(received).resolves.toMatchObject({
      text: 'build passed',
      author: { name: 'Bot' },
      room: 'random',
    })
  })
})
