import { io as rawClient, type Socket as RawClientSocket } from 'socket.io-client'
import { describe, expect, it, vi } from 'vitest'
import { defineContract, type PresenceMember, VolleyError } from '../src/index'
import type { PresenceSnapshot, VolleyClient } from '../src/client/index'
import {
  MemoryPresenceStore,
  type PresenceEntry,
  type PresenceStoreEvents,
  type VolleyServer,
} from '../src/server/index'
import { lounge } from './fixtures'
import { connectClient, connected, recordingLogger, startServer, until } from './helpers'
import { z } from 'zod'

type Lounge = typeof lounge
/** The machine may be loaded: wait generously for what must happen. */
const WAIT = { timeout: 10_000, interval: 20 }
type Meta = { name: string; status: 'online' | 'away' }

/** A server whose `room` presence keys members by the handshake's `user`. */
async function loungeServer(options: Parameters<VolleyServer<Lounge>['presence']>[1] = {}) {
  const started = await startServer(lounge)
  const rooms = started.io.presence('room', { key: (socket) => socket.auth.user, ...options })
  return { ...started, rooms }
}

const member = (user: string) => connectClientAs(user)
let currentUrl = ''
function connectClientAs(user: string, options: { releaseDelay?: number } = {}): VolleyClient<Lounge> {
  return connectClient(lounge, currentUrl, { auth: { user }, ...options })
}

const names = (members: readonly PresenceMember<Meta>[]) => members.map((m) => m.meta.name)
const live = (snapshot: PresenceSnapshot) => snapshot.status === 'live'

describe('presence: a full state, then diffs, keyed by user', () => {
  it('two people see each other; others excludes me; updates and leaves reach the other', async () => {
    const { url, rooms } = await loungeServer()
    currentUrl = url
    const ada = member('ada').presence('room', { room: 'lobby' }, { meta: { name: 'Ada', status: 'online' } })
    await until(ada, live)
    const bob = member('bob').presence('room', { room: 'lobby' }, { meta: { name: 'Bob', status: 'online' } })
    await until(bob, (s) => live(s) && s.members.length === 2)
    expect(names(bob.getSnapshot().members)).toEqual(['Ada', 'Bob'])
    expect(names(bob.getSnapshot().others)).toEqual(['Ada'])
    expect(bob.getSnapshot().me?.key).toBe('bob')
    await until(ada, (s) => s.others.length === 1)
    expect(ada.getSnapshot().others[0]).toMatchObject({ key: 'bob', meta: { name: 'Bob', status: 'online' } })

    await bob.update({ name: 'Bob', status: 'away' })
    await until(ada, (s) => s.others[0]?.meta.status === 'away')
    expect((await rooms.list({ room: 'lobby' })).map((m) => [m.key, m.meta.status])).toEqual([
      ['ada', 'online'],
      ['bob', 'away'],
    ])

    await bob.untrack()
    await until(ada, (s) => s.others.length === 0)
    // Bob still watches: he sees Ada, and himself no more.
    expect(names(bob.getSnapshot().members)).toEqual(['Ada'])
    expect(bob.getSnapshot().me).toBeUndefined()
    await bob.update({ name: 'Bob', status: 'online' })
    await until(ada, (s) => s.others.length === 1)
  })

  it('two tabs of one user are one member with two connections; a disconnect leaves by itself', async () => {
    const { url, rooms } = await loungeServer()
    currentUrl = url
    const observer = member('cleo').presence('room', { room: 'lobby' })
    const tab1 = member('ada').presence(
      'room',
      { room: 'lobby' },
      { meta: { name: 'Ada', status: 'online' } },
    )
    const secondTab = member('ada')
    const tab2 = secondTab.presence('room', { room: 'lobby' }, { meta: { name: 'Ada', status: 'away' } })
    await until(observer, (s) => s.members[0]?.connections.length === 2)
    const [ada] = observer.getSnapshot().members
    expect(ada?.key).toBe('ada')
    expect(ada?.connections.map((c) => c.meta.status)).toEqual(['online', 'away'])
    expect(ada?.meta.status).toBe('away') // the connection that joined or updated last
    // In Ada's first tab, her second tab is part of `me`, not of `others`.
    await until(tab1, (s) => s.me?.connections.length === 2)
    expect(tab1.getSnapshot().others).toEqual([])
    expect(observer.getSnapshot().me).toBeUndefined() // Cleo only watches
    await tab1.update({ name: 'Ada', status: 'online' })
    await until(tab2, live)
    expect((await rooms.list({ room: 'lobby' }))[0]?.connections).toHaveLength(2)

    secondTab.disconnect()
    await until(observer, (s) => s.members[0]?.connections.length === 1)
    expect(observer.getSnapshot().members[0]?.meta.status).toBe('online')
  })

  it('leave() leaves after releaseDelay; a leave and join within it (StrictMode) keeps one track on the server', async () => {
    const { io, url } = await loungeServer()
    currentUrl = url
    const sent: string[] = []
    io.raw.on('connection', (socket) => socket.onAny((event: string) => void sent.push(event)))
    const watcher = member('cleo').presence('room', { room: 'lobby' })
    const client = connectClientAs('ada', { releaseDelay: 50 })
    const meta = { name: 'Ada', status: 'online' } as const
    const first = client.presence('room', { room: 'lobby' }, { meta })
    first.leave()
    const second = client.presence('room', { room: 'lobby' }, { meta: { ...meta } })
    await until(second, live)
    await until(watcher, (s) => s.members.length === 1)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(
      sent.filter((event) => event.startsWith('$volley:presence:') && event !== '$volley:presence:join'),
    ).toEqual([])
    expect(sent.filter((event) => event === '$volley:presence:join')).toHaveLength(2) // Cleo's and Ada's
    second.leave()
    await until(watcher, (s) => s.members.length === 0)
    expect(second.getSnapshot().status).toBe('closed')
  })

  it('a page that only watches leaves alone what the server tracked for its socket (the server owns that meta)', async () => {
    const { io, url, rooms } = await loungeServer()
    currentUrl = url
    io.on('connection', (socket) => {
      void rooms.track(socket, { room: 'lobby' }, { name: socket.auth.user.toUpperCase(), status: 'online' })
    })
    const watcher = member('cleo').presence('room', { room: 'lobby' })
    await until(watcher, (s) => s.members.length === 1)
    const ada = member('ada').presence('room', { room: 'lobby' })
    await until(ada, (s) => live(s) && s.members.length === 2)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(names((await rooms.list({ room: 'lobby' })) as PresenceMember<Meta>[])).toEqual(['CLEO', 'ADA'])
    expect(names(watcher.getSnapshot().members as PresenceMember<Meta>[])).toEqual(['CLEO', 'ADA'])
    expect(ada.getSnapshot().me?.meta).toEqual({ name: 'ADA', status: 'online' })
    // The client may still track with its own meta, which replaces the server's.
    await ada.update({ name: 'Ada', status: 'away' })
    await until(watcher, (s) => s.members.some((m) => m.meta.name === 'Ada'))
  })

  it('a reconnect joins again with the latest meta and gets the full state', async () => {
    const { url, rooms } = await loungeServer()
    currentUrl = url
    const bob = member('bob').presence('room', { room: 'lobby' }, { meta: { name: 'Bob', status: 'online' } })
    const client = member('ada')
    const ada = client.presence('room', { room: 'lobby' }, { meta: { name: 'Ada', status: 'online' } })
    await until(ada, (s) => s.members.length === 2)
    await ada.update({ name: 'Ada', status: 'away' })
    client.raw.io.engine.close() // the network drops; socket.io reconnects
    await until(ada, (s) => s.status === 'pending')
    expect(names(ada.getSnapshot().members)).toEqual(['Bob', 'Ada']) // kept while rejoining
    await until(ada, live)
    await until(bob, (s) => s.others[0]?.meta.status === 'away')
    const listed = await rooms.list({ room: 'lobby' })
    expect(listed.map((m) => [m.key, m.connections.length, m.meta.status])).toEqual([
      ['bob', 1, 'online'],
      ['ada', 1, 'away'],
    ])
  })
})

describe('presence: refusals', () => {
  it('a meta that fails its schema: refused before it is sent, and VALIDATION_FAILED from the server', async () => {
    const { url } = await loungeServer()
    currentUrl = url
    const errors: VolleyError[] = []
    const client = member('ada')
    const lobby = client.presence('room', { room: 'lobby' }, { onError: (error) => void errors.push(error) })
    await until(lobby, live)
    // @ts-expect-error: not a status of the contract
    await expect(lobby.update({ name: 'Ada', status: 'asleep' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    expect(errors.map((e) => e.code)).toEqual(['VALIDATION_FAILED'])
    expect(lobby.getSnapshot().status).toBe('live')

    // A client that skips the check (any Socket.IO client): the server refuses with VALIDATION_FAILED.
    const raw = rawClient(url, { auth: { user: 'eve' }, transports: ['websocket'] })
    try {
      const join = await raw.timeout(5_000).emitWithAck('$volley:presence:join', {
        name: 'room',
        params: { room: 'lobby' },
        meta: { name: '', status: 'online' },
      })
      expect(join).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', issues: [{ path: ['name'] }] },
      })
      const watched = await raw
        .timeout(5_000)
        .emitWithAck('$volley:presence:join', { name: 'room', params: { room: 'lobby' } })
      expect(watched.ok).toBe(true)
      const track = await raw.timeout(5_000).emitWithAck('$volley:presence:track', {
        topic: watched.data.topic,
        meta: { name: 'Eve', status: 'busy' },
      })
      expect(track).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
      expect(lobby.getSnapshot().members).toEqual([])
    } finally {
      raw.disconnect()
    }
  })

  it('authorize sees the meta a client tracks with: a server can keep metas its own (pages watch only)', async () => {
    const { io, url } = await startServer(lounge)
    currentUrl = url
    const asked: unknown[] = []
    const rooms = io.presence('room', {
      key: (socket) => socket.auth.user,
      authorize: ({ meta }) => {
        asked.push(meta)
        return meta === undefined
      },
    })
    io.on(
      'connection',
      (socket) => void rooms.track(socket, { room: 'lobby' }, { name: 'Server', status: 'online' }),
    )
    const watcher = member('ada').presence('room', { room: 'lobby' })
    await until(watcher, (s) => live(s) && s.members.length === 1)
    const forger = member('eve').presence(
      'room',
      { room: 'lobby' },
      { meta: { name: 'Ada', status: 'online' } },
    )
    await until(forger, (s) => s.status === 'error')
    expect(forger.getSnapshot().error?.code).toBe('UNAUTHORIZED')
    await expect(watcher.update({ name: 'Boss', status: 'online' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    })
    expect(asked).toEqual([undefined, { name: 'Ada', status: 'online' }, { name: 'Boss', status: 'online' }])
    expect(names((await rooms.list({ room: 'lobby' })) as PresenceMember<Meta>[])).toEqual([
      'Server',
      'Server',
    ])
  })

  it('authorize refuses with UNAUTHORIZED; an unserved presence is UNKNOWN_EVENT; bad params never leave the client', async () => {
    const logger = recordingLogger()
    const { io, url } = await startServer(lounge, { logger })
    io.presence('room', {
      authorize: ({ params, socket }) => params.room !== 'staff' || socket.auth.user === 'boss',
    })
    currentUrl = url
    const client = member('ada')
    const staff = client.presence('room', { room: 'staff' }, { meta: { name: 'Ada', status: 'online' } })
    await until(staff, (s) => s.status === 'error')
    expect(staff.getSnapshot().error?.code).toBe('UNAUTHORIZED')
    const boss = member('boss').presence(
      'room',
      { room: 'staff' },
      { meta: { name: 'Boss', status: 'online' } },
    )
    await until(boss, (s) => live(s) && s.members.length === 1)
    const empty = client.presence('room', { room: '' })
    expect(empty.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'VALIDATION_FAILED' } })

    const { url: other } = await startServer(lounge)
    const unserved = connectClient(lounge, other, { auth: { user: 'ada' } }).presence('room', {
      room: 'lobby',
    })
    await until(unserved, (s) => s.status === 'error')
    expect(unserved.getSnapshot().error?.code).toBe('UNKNOWN_EVENT')
    expect(logger.warnings.some((line) => line.includes('UNAUTHORIZED'))).toBe(true)
  })

  it('the server API validates metas and refuses names that are not presences', async () => {
    const { io, url, rooms } = await loungeServer()
    currentUrl = url
    const client = member('ada')
    await connected(client)
    const socket = io.sockets[0]!
    const gone = { name: 'Ada', status: 'gone' } as unknown as Meta
    await expect(rooms.track(socket, { room: 'lobby' }, gone)).rejects.toBeInstanceOf(VolleyError)
    expect(await rooms.update(socket, { room: 'lobby' }, { name: 'Ada', status: 'away' })).toBe(false)
    await rooms.track(socket, { room: 'lobby' }, { name: 'Ada', status: 'online' })
    expect(await rooms.update(socket, { room: 'lobby' }, { name: 'Ada', status: 'away' })).toBe(true)
    expect((await rooms.list({ room: 'lobby' }))[0]?.meta.status).toBe('away')
    expect(await rooms.untrack(socket, { room: 'lobby' })).toBe(true)
    expect(await rooms.untrack(socket, { room: 'lobby' })).toBe(false)
    expect(await rooms.list({ room: 'lobby' })).toEqual([])
    // @ts-expect-error: not a presence of the contract
    expect(() => io.presence('nope')).toThrow(/not a presence of this contract/)
    expect(() =>
      defineContract({
        clientToServer: {},
        serverToClient: {},
        presence: { room: { params: z.object({}), meta: 'nope' } },
      } as never),
    ).toThrow(/presence.room.meta/)
    const reserved = { '$volley:room': { params: z.object({}), meta: z.object({}) } }
    expect(() =>
      defineContract({ clientToServer: {}, serverToClient: {}, presence: reserved } as never),
    ).toThrow(/\$volley:/)
  })
})

describe('presence: server-side tracking and convergence', () => {
  it('a socket tracked by the server appears to watchers, and leaves when it disconnects', async () => {
    const { io, url, rooms } = await loungeServer()
    currentUrl = url
    io.on('connection', (socket) => {
      socket.on('enter', async ({ room }) => {
        await rooms.track(socket, { room }, { name: socket.auth.user, status: 'online' })
        return { count: (await rooms.list({ room })).length }
      })
    })
    const watcher = member('cleo').presence('room', { room: 'hall' })
    await until(watcher, live)
    const ada = member('ada')
    expect(await ada.request('enter', { room: 'hall' })).toEqual({ count: 1 })
    await until(watcher, (s) => s.members.length === 1)
    ada.disconnect()
    await until(watcher, (s) => s.members.length === 0)
  })

  it('many joins, updates and leaves at once: every client ends with the list the server has', async () => {
    const { url, rooms } = await loungeServer()
    currentUrl = url
    const clients = Array.from({ length: 12 }, (_, i) => member(`u${i % 8}`))
    const handles = clients.map((client, i) =>
      client.presence('room', { room: 'busy' }, { meta: { name: `n${i}`, status: 'online' } }),
    )
    await Promise.all(handles.map((handle) => until(handle, live)))
    await Promise.all(
      handles.filter((_, i) => i % 3 === 0).map((h, i) => h.update({ name: `m${i}`, status: 'away' })),
    )
    for (const [i, client] of clients.entries()) if (i % 4 === 1) client.disconnect()
    const expected = async () =>
      (await rooms.list({ room: 'busy' })).map((m) => [m.key, m.connections.map((c) => c.meta)])
    // u1 and u5 had all their connections closed; the 6 other users stay, and every client agrees.
    await vi.waitFor(async () => {
      const want = await expected()
      expect(want.map(([key]) => key)).toEqual(['u0', 'u2', 'u3', 'u4', 'u6', 'u7'])
      for (const [i, handle] of handles.entries()) {
        if (i % 4 === 1) continue
        expect(handle.getSnapshot().members.map((m) => [m.key, m.connections.map((c) => c.meta)])).toEqual(
          want,
        )
      }
    }, WAIT)
  })
})

/** A memory store whose "own changes" a test makes: what a shared store does when a process dies or stalls. */
class WatchedStore extends MemoryPresenceStore {
  readonly watchers = new Set<PresenceStoreEvents>()
  watch(events: PresenceStoreEvents): () => void {
    this.watchers.add(events)
    return () => void this.watchers.delete(events)
  }
}

describe('presence: what a shared store changes on its own', () => {
  it('entries the store removed (a dead process) leave; entries it lost are tracked again under new refs', async () => {
    const store = new WatchedStore()
    const { io, url } = await startServer(lounge, { presenceStore: store })
    io.presence('room', { key: (socket) => socket.auth.user })
    currentUrl = url
    const topic = '["room",{"room":"lobby"}]'
    // A member of another (dead) process, which this server never tracked.
    const ghost: PresenceEntry = { key: 'ghost', ref: 'g1', meta: { name: 'Ghost', status: 'online' } }
    store.set(topic, ghost)
    const watcher = member('cleo').presence('room', { room: 'lobby' })
    const ada = member('ada').presence('room', { room: 'lobby' }, { meta: { name: 'Ada', status: 'online' } })
    await until(watcher, (s) => s.members.length === 2)
    await until(ada, (s) => s.me !== undefined)
    const adaRef = ada.getSnapshot().me!.connections[0]!.ref
    // The store removes the ghost: the server sends its leave.
    store.delete(topic, ghost.ref)
    for (const events of store.watchers) events.removed(topic, [ghost])
    // This process was taken for dead: the store removed its entry (a leave), and says it lost it; the
    // server tracks Ada again, under a new ref (a join).
    const adaEntry = store.delete(topic, adaRef)!
    for (const events of store.watchers) events.removed(topic, [adaEntry])
    for (const events of store.watchers) events.lost(topic, [adaEntry])
    await until(watcher, (s) => s.members[0]?.connections[0]?.ref !== adaRef && s.members.length === 1)
    expect(store.list(topic).map((entry) => entry.key)).toEqual(['ada'])
    expect(watcher.getSnapshot().members.map((m) => m.key)).toEqual(['ada'])
    await io.close()
    expect(store.watchers.size).toBe(0)
  })
})

describe('presence: the wire, for clients in other languages', () => {
  it('join answers { topic, key, ref, state }; diffs carry joins, updates and leaves', async () => {
    const { url } = await loungeServer()
    const raw: RawClientSocket = rawClient(url, { auth: { user: 'eve' }, transports: ['websocket'] })
    const other = rawClient(url, { auth: { user: 'mallory' }, transports: ['websocket'] })
    try {
      const diffs: unknown[] = []
      raw.on('$volley:presence:diff', (diff: unknown) => void diffs.push(diff))
      const joined = await raw.timeout(5_000).emitWithAck('$volley:presence:join', {
        name: 'room',
        params: { room: 'lobby' },
        meta: { name: 'Eve', status: 'online' },
      })
      expect(joined).toEqual({
        ok: true,
        data: {
          topic: expect.any(String),
          key: 'eve',
          ref: expect.any(String),
          state: [{ key: 'eve', ref: joined.data.ref, meta: { name: 'Eve', status: 'online' } }],
        },
      })
      const topic: string = joined.data.topic
      const second = await other.timeout(5_000).emitWithAck('$volley:presence:join', {
        name: 'room',
        params: { room: 'lobby' },
        meta: { name: 'Mallory', status: 'online' },
      })
      const ref: string = second.data.ref
      await other
        .timeout(5_000)
        .emitWithAck('$volley:presence:track', { topic, meta: { name: 'Mallory', status: 'away' } })
      await other.timeout(5_000).emitWithAck('$volley:presence:leave', { topic })
      await vi.waitFor(() => expect(diffs).toHaveLength(4), WAIT)
      expect(diffs.slice(1)).toEqual([
        { topic, joins: [{ key: 'mallory', ref, meta: { name: 'Mallory', status: 'online' } }] },
        { topic, updates: [{ key: 'mallory', ref, meta: { name: 'Mallory', status: 'away' } }] },
        { topic, leaves: [{ key: 'mallory', ref }] },
      ])
      const untracked = await raw.timeout(5_000).emitWithAck('$volley:presence:untrack', { topic })
      expect(untracked).toEqual({ ok: true })
      const stray = await raw
        .timeout(5_000)
        .emitWithAck('$volley:presence:track', { topic: 'nope', meta: {} })
      expect(stray).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    } finally {
      raw.disconnect()
      other.disconnect()
    }
  })
})
