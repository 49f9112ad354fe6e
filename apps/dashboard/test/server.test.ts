// The dashboard's socket side against a real Volley server and real clients (no Next): the viewers presence,
// private inboxes (a resumable subscription, with offline catch-up), the alerts snapshot and the traffic switch.
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient, type VolleyClient } from '@volley/core/client'
import { createServer } from '@volley/core/server'
import { withSession } from '@volley/next/server'
import { afterEach, beforeAll, expect, it, vi } from 'vitest'
import { dashboard, type Alert, type InboxItem, type User } from '../lib/contract'
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

/** Waits for an assertion to hold (the server ticks once a second; the machine may be busy). */
const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 10_000, interval: 20 })

const nextTraffic = (client: VolleyClient<typeof dashboard>) =>
  new Promise<{ running: boolean }>((resolve) => {
    const off = client.on('traffic', (payload) => {
      off()
      resolve(payload)
    })
  })

/** Subscribes to a user's inbox from the start and collects its items. */
function inbox(client: VolleyClient<typeof dashboard>, user: string) {
  const items: { item: InboxItem; resumed: boolean }[] = []
  const errors: string[] = []
  const subscription = client.subscribe(
    'inbox',
    { user },
    {
      from: 'start',
      onItems: (batch, { resumed }) => items.push(...batch.map((item) => ({ item, resumed }))),
      onError: (error) => errors.push(error.code),
    },
  )
  cleanups.push(() => subscription.unsubscribe())
  const bodies = () =>
    items.flatMap(({ item }) => (item.type === 'notification' ? [item.notification.body] : []))
  return { items, errors, bodies }
}

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

it("lists who is watching with their session's names, one viewer per user however many tabs, live", async () => {
  const url = await start()
  const present = async (user: User) => {
    const client = await viewer(url, user)
    // Pages only watch: the server tracks each connection with its session's name.
    const viewers = client.presence('viewers', {})
    cleanups.push(() => viewers.leave())
    return { client, viewers }
  }
  const ada = await present({ id: 't1-ada', name: 'Ada' })
  const names = () => ada.viewers.getSnapshot().members.map((member) => member.meta.name)
  await until(() => expect(names()).toEqual(['Ada']))
  const bob = await present({ id: 't1-bob', name: 'Bob' })
  const bobTab = await present({ id: 't1-bob', name: 'Bob' })
  await until(() =>
    expect(
      ada.viewers.getSnapshot().members.find((member) => member.key === 't1-bob')?.connections,
    ).toHaveLength(2),
  )
  expect(names().sort()).toEqual(['Ada', 'Bob'])
  expect(bob.viewers.getSnapshot().others.map((member) => member.key)).toEqual(['t1-ada'])
  bob.client.disconnect()
  await until(() =>
    expect(
      ada.viewers.getSnapshot().members.find((member) => member.key === 't1-bob')?.connections,
    ).toHaveLength(1),
  )
  expect(names().sort()).toEqual(['Ada', 'Bob'])
  bobTab.client.disconnect()
  await until(() => expect(names()).toEqual(['Ada']))
  // A page cannot show another name: tracking itself with a meta is refused.
  const mallory = await viewer(url, { id: 't1-mallory', name: 'Mallory' })
  const forged = mallory.presence('viewers', {}, { meta: { name: 'Ada' } })
  cleanups.push(() => forged.leave())
  await until(() => expect(forged.getSnapshot().error?.code).toBe('UNAUTHORIZED'))
  expect(names().sort()).toEqual(['Ada', 'Mallory'])
})

it("delivers a ping to its user's inbox only, and what a tab missed offline once, in order", async () => {
  const url = await start()
  const ada = await viewer(url, { id: 't2-ada', name: 'Ada' })
  const bob = await viewer(url, { id: 't2-bob', name: 'Bob' })
  const bobTab = await viewer(url, { id: 't2-bob', name: 'Bob' })
  const adaInbox = inbox(ada, 't2-ada')
  const bobInbox = inbox(bob, 't2-bob')
  const bobTabInbox = inbox(bobTab, 't2-bob')
  // Nobody reads another user's inbox.
  const snooping = inbox(ada, 't2-bob')
  await until(() => expect(snooping.errors).toEqual(['UNAUTHORIZED']))

  await expect(ada.request('viewer:ping', { to: 't2-bob', message: 'Look at p95' })).resolves.toEqual({
    delivered: true,
  })
  await until(() => expect(bobInbox.bodies()).toEqual(['Look at p95']))
  await expect(ada.request('viewer:ping', { to: 't2-ada', message: 'me' })).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
  })
  await expect(ada.request('viewer:ping', { to: 't2-bob', message: '   ' })).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
  })

  // Read in one tab: the other follows.
  await expect(bob.request('notifications:read', { upTo: 1 })).resolves.toEqual({ unread: 0 })
  await until(() => expect(bobTabInbox.items.at(-1)?.item).toEqual({ type: 'read', upTo: 1 }))

  // Offline: two pings; back online, exactly those two, in order, marked as missed.
  bob.raw.disconnect()
  await ada.request('viewer:ping', { to: 't2-bob', message: 'Standup in 5' })
  await ada.request('viewer:ping', { to: 't2-bob', message: 'p95 is better' })
  bob.raw.connect()
  await until(() => expect(bobInbox.bodies()).toEqual(['Look at p95', 'Standup in 5', 'p95 is better']))
  expect(bobInbox.items.slice(-2).map(({ resumed }) => resumed)).toEqual([true, true])
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(bobInbox.bodies()).toHaveLength(3)
  expect(adaInbox.items).toEqual([])
})

it('raises an alert for every user, keeps the alerts as a snapshot, and records who acknowledged it', async () => {
  const url = await start()
  const grace = await viewer(url, { id: 't3-grace', name: 'Grace' })
  const alerted = inbox(grace, 't3-grace')
  const changes: Alert[] = []
  const alerts = grace.subscribe('alerts', {}, { onItems: (items) => changes.push(...items) })
  cleanups.push(() => alerts.unsubscribe())
  await until(() => expect(alerts.getSnapshot().status).toBe('live'))
  await grace.request('track', {
    events: Array.from({ length: 20 }, () => ({ type: 'pageview', path: '/slow', latencyMs: 3_000 })),
  })
  await until(() => expect(changes.some((alert) => alert.rule === 'p95')).toBe(true))
  await until(() =>
    expect(alerted.items.at(-1)?.item).toMatchObject({
      notification: { kind: 'alert', title: 'p95 latency above 800 ms' },
    }),
  )
  const open = changes.find((alert) => alert.rule === 'p95' && alert.resolvedAt === undefined)!
  await expect(grace.request('alert:ack', { id: open.id })).resolves.toMatchObject({
    acknowledgedBy: { name: 'Grace' },
  })
  await until(() => expect(changes.at(-1)).toMatchObject({ id: open.id, acknowledgedBy: { name: 'Grace' } }))
  await expect(grace.request('alert:ack', { id: 'alert-404' })).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
  })
  // A tab that subscribes now (or again, after a reconnect) gets the alerts as they are now.
  const graceTab = await viewer(url, { id: 't3-grace', name: 'Grace' })
  const snapshot = await new Promise<Alert[]>((resolve) => {
    const later = graceTab.subscribe('alerts', {}, { onSnapshot: ({ alerts: current }) => resolve(current) })
    cleanups.push(() => later.unsubscribe())
  })
  expect(snapshot.find((alert) => alert.id === open.id)).toMatchObject({ acknowledgedBy: { name: 'Grace' } })
})

it('switches the traffic generator for everyone', async () => {
  const url = await start()
  const linus = await viewer(url, { id: 't4-linus', name: 'Linus' })
  const state = nextTraffic(linus)
  await expect(linus.request('traffic:set', { running: true })).resolves.toEqual({ running: true })
  await expect(state).resolves.toEqual({ running: true })
  await linus.request('traffic:set', { running: false })
})
