// The dashboard's socket side against a real Volley server and real clients (no Next): rooms, private
// notifications, catch-up requests, alerts and the traffic switch.
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient, type VolleyClient } from '@volley/core/client'
import { createServer } from '@volley/core/server'
import { withSession } from '@volley/next/server'
import { afterEach, beforeAll, expect, it } from 'vitest'
import { dashboard, type User } from '../lib/contract'
import { session } from '../lib/session'
import { store } from '../lib/store'
import { attachLaunchControl } from '../server/attachLaunchControl'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
beforeAll(() => {
  process.env.SESSION_SECRET = 'the secret of the dashboard server tests'
})

async function start(): Promise<string> {
  const http = createHttpServer()
  const io = withSession(createServer(dashboard, { logger: false }), session)
  const control = attachLaunchControl(io, { traffic: false })
  io.attach(http)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () => control.stop(),
    () => io.close(),
  )
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`
}

async function viewer(url: string, user: User): Promise<VolleyClient<typeof dashboard>> {
  store().users.set(user.id, user)
  const client = createClient(dashboard, url, {
    transports: ['websocket'],
    logger: false,
    extraHeaders: { cookie: `${session.name}=${await session.seal(user)}` },
  })
  cleanups.push(() => client.disconnect())
  await new Promise((resolve, reject) => {
    client.raw.once('connect', () => resolve(undefined))
    client.raw.once('connect_error', reject)
  })
  return client
}

const next = <T>(client: VolleyClient<typeof dashboard>, event: 'viewers' | 'notification' | 'traffic') =>
  new Promise<T>((resolve) => {
    const off = client.on(event, (payload) => {
      off()
      resolve(payload as T)
    })
  })

it('refuses a socket without the session cookie', async () => {
  const url = await start()
  const client = createClient(dashboard, url, {
    transports: ['websocket'],
    logger: false,
    reconnection: false,
  })
  cleanups.push(() => client.disconnect())
  const error = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
    client.raw.once('connect_error', resolve),
  )
  expect(error.data?.code).toBe('UNAUTHORIZED')
})

it("lists who is watching, and delivers a ping to its user's room only", async () => {
  const url = await start()
  const ada = await viewer(url, { id: 't1-ada', name: 'Ada' })
  const seen = next<{ viewers: User[] }>(ada, 'viewers')
  const bob = await viewer(url, { id: 't1-bob', name: 'Bob' })
  expect((await seen).viewers.map((user) => user.name)).toEqual(['Ada', 'Bob'])

  const adaGot: unknown[] = []
  ada.on('notification', (notification) => adaGot.push(notification))
  const bobGets = next<{ title: string; body: string; seq: number }>(bob, 'notification')
  await expect(ada.request('viewer:ping', { to: 't1-bob', message: 'Look at p95' })).resolves.toEqual({
    delivered: true,
  })
  await expect(bobGets).resolves.toMatchObject({ title: 'Ada pinged you', body: 'Look at p95' })
  await expect(ada.request('viewer:ping', { to: 't1-ada', message: 'me' })).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
  })
  await expect(ada.request('viewer:ping', { to: 't1-bob', message: '   ' })).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
  })
  expect(adaGot).toEqual([])

  // Catch-up is a plain request: what came after the last number the tab has, and the unread count.
  const { notifications, unread } = await bob.request('notifications:sync', { after: 0 })
  expect(notifications.map((item) => item.body)).toEqual(['Look at p95'])
  expect(unread).toBe(1)
  await expect(bob.request('notifications:read', { upTo: notifications[0]!.seq })).resolves.toEqual({
    unread: 0,
  })
  await expect(bob.request('notifications:sync', { after: notifications[0]!.seq })).resolves.toEqual({
    notifications: [],
    unread: 0,
  })
})

it('raises an alert for every user, lists it, and records who acknowledged it', async () => {
  const url = await start()
  const grace = await viewer(url, { id: 't2-grace', name: 'Grace' })
  const alerted = next<{ kind: string; title: string }>(grace, 'notification')
  await grace.request('track', {
    events: Array.from({ length: 20 }, () => ({ type: 'pageview', path: '/slow', latencyMs: 3_000 })),
  })
  await expect(alerted).resolves.toMatchObject({ kind: 'alert', title: 'p95 latency above 800 ms' })
  const { alerts } = await grace.request('alerts:list', {})
  const open = alerts.find((alert) => alert.rule === 'p95' && alert.resolvedAt === undefined)!
  await expect(grace.request('alert:ack', { id: open.id })).resolves.toMatchObject({
    acknowledgedBy: { name: 'Grace' },
  })
  await expect(grace.request('alert:ack', { id: 'alert-404' })).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
  })
})

it('switches the traffic generator for everyone', async () => {
  const url = await start()
  const linus = await viewer(url, { id: 't3-linus', name: 'Linus' })
  const state = next<{ running: boolean }>(linus, 'traffic')
  await expect(linus.request('traffic:set', { running: true })).resolves.toEqual({ running: true })
  await expect(state).resolves.toEqual({ running: true })
  await linus.request('traffic:set', { running: false })
})
