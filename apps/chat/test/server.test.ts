import { afterEach, describe, expect, it } from 'vitest'
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

function connected(socket: { once(event: 'connect', listener: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => socket.once('connect', () => resolve()))
}

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
    await socket.emitWithAck('room:join', { room: 'general' })
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
    expect(ok).toMatchObject({ ok: true, data: { seq: 1 } })
  })

  it('delivers messages, presence, and the catch-up of missed messages on rejoin', async () => {
    const url = await start()
    const ada = client(url, await login(url, 'Ada'))
    const bob = client(url, await login(url, 'Bob'))
    await Promise.all([connected(ada.raw), connected(bob.raw)])
    const first = await ada.request('room:join', { room: 'general' })
    expect(first).toMatchObject({ messages: [], lost: false })
    await bob.request('room:join', { room: 'general' })
    const received = new Promise((resolve) => bob.on('message:new', resolve))
    const sent = await ada.request('message:send', { room: 'general', text: ' hello ', clientId: 'a1' })
    expect(sent).toMatchObject({ text: 'hello', author: { name: 'Ada' }, seq: 1, clientId: 'a1' })
    await expect(received).resolves.toEqual(sent)

    bob.disconnect()
    await ada.request('message:send', { room: 'general', text: 'while you were away', clientId: 'a2' })
    await ada.request('message:send', { room: 'general', text: 'and another', clientId: 'a3' })
    bob.connect()
    await connected(bob.raw)
    const catchUp = await bob.request('room:join', { room: 'general', since: 1, epoch: first.epoch })
    expect(catchUp.lost).toBe(false)
    expect(catchUp.messages.map((m) => m.text)).toEqual(['while you were away', 'and another'])
    expect(catchUp.online.map((u) => u.name)).toEqual(['Ada', 'Bob'])
    const otherLife = await bob.request('room:join', { room: 'general', since: 1, epoch: 'previous-server' })
    expect(otherLife.lost).toBe(true)
  })

  it('refuses writing to a room you did not join', async () => {
    const url = await start()
    const ada = client(url, await login(url, 'Ada'))
    await expect(
      ada.request('message:send', { room: 'help', text: 'hi', clientId: 'x' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  })

  it('lets a REST route post a typed message:new to the room', async () => {
    const url = await start()
    const cookie = await login(url, 'Bot')
    const ada = client(url, await login(url, 'Ada'))
    await ada.request('room:join', { room: 'random' })
    const received = new Promise((resolve) => ada.on('message:new', resolve))
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
