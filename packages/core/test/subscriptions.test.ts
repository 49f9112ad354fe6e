import { describe, expect, it, vi } from 'vitest'
import type { SubscriptionGap, VolleyClient } from '../src/client/index'
import {
  MemorySubscriptionStore,
  subscriptionTarget,
  type SubscriptionStore,
  type VolleyServer,
} from '../src/server/index'
import { feed } from './fixtures'
import { connectClient, connected, sleep, startServer, until } from './helpers'

type Feed = typeof feed
type Item = { room: string; n: number }

/** Everything a subscription's handlers were told, in order. */
function recorder() {
  const items: Item[] = []
  const batches: { size: number; replayed: boolean; resumed: boolean }[] = []
  const gaps: SubscriptionGap[] = []
  const errors: unknown[] = []
  return {
    items,
    batches,
    gaps,
    errors,
    handlers: {
      onItems: (received: Item[], info: { replayed: boolean; resumed: boolean }) => {
        items.push(...received)
        batches.push({ size: received.length, replayed: info.replayed, resumed: info.resumed })
      },
      onGap: (gap: SubscriptionGap) => void gaps.push(gap),
      onError: (error: unknown) => void errors.push(error),
    },
  }
}

/** How many sockets of the server subscribe to anything (the rooms of Volley's streams). */
function serverSubscriptions(io: VolleyServer<Feed>): number {
  let count = 0
  for (const [room, members] of io.raw.of('/').adapter.rooms)
    if (room.startsWith('$volley:')) count += members.size
  return count
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i)

async function publishAll(io: VolleyServer<Feed>, room: string, from: number, to: number): Promise<void> {
  for (let n = from; n < to; n += 1) await io.publish('room:messages', { room }, { room, n })
}

describe('subscriptions: live, from the start, and shared', () => {
  it('delivers published items of its params only, in order, and ends on the server after unsubscribe', async () => {
    const { io, url } = await startServer(feed)
    io.subscription('room:messages')
    const client = connectClient(feed, url, { releaseDelay: 20 })
    const lobby = recorder()
    const subscription = client.subscribe('room:messages', { room: 'lobby' }, lobby.handlers)
    expect(subscription.getSnapshot().status).toBe('pending')
    await until(subscription, (s) => s.status === 'live')
    await publishAll(io, 'lobby', 0, 3)
    await io.publish('room:messages', { room: 'other' }, { room: 'other', n: 99 })
    await vi.waitFor(() => expect(lobby.items).toHaveLength(3))
    expect(lobby.items.map((item) => item.n)).toEqual([0, 1, 2])
    expect(lobby.batches.every((batch) => !batch.replayed)).toBe(true)
    const cursor = await io.publish('room:messages', { room: 'lobby' }, { room: 'lobby', n: 3 })
    await vi.waitFor(() => expect(subscription.cursor).toBe(cursor))
    expect(serverSubscriptions(io)).toBe(1)
    subscription.unsubscribe()
    await vi.waitFor(() => expect(serverSubscriptions(io)).toBe(0))
    expect(subscription.getSnapshot().status).toBe('closed')
  })

  it("from: 'start' replays what the server keeps, then goes live", async () => {
    const { io, url } = await startServer(feed)
    io.subscription('room:messages')
    await publishAll(io, 'lobby', 0, 5)
    const client = connectClient(feed, url)
    const lobby = recorder()
    const subscription = client.subscribe(
      'room:messages',
      { room: 'lobby' },
      { from: 'start', ...lobby.handlers },
    )
    await until(subscription, (s) => s.status === 'live')
    await publishAll(io, 'lobby', 5, 7)
    await vi.waitFor(() => expect(lobby.items).toHaveLength(7))
    expect(lobby.items.map((item) => item.n)).toEqual(range(0, 7))
    expect(lobby.batches[0]).toEqual({ size: 5, replayed: true, resumed: false })
  })

  it('shares one server subscription between calls with the same params, and keeps it across a quick re-subscribe', async () => {
    const { io, url } = await startServer(feed)
    const authorize = vi.fn(() => true)
    io.subscription('room:messages', { authorize })
    const client = connectClient(feed, url, { releaseDelay: 50 })
    const first = recorder()
    const second = recorder()
    const a = client.subscribe('room:messages', { room: 'lobby' }, first.handlers)
    const b = client.subscribe('room:messages', { room: 'lobby' }, second.handlers)
    await until(a, (s) => s.status === 'live')
    await publishAll(io, 'lobby', 0, 2)
    await vi.waitFor(() => expect(second.items).toHaveLength(2))
    expect(first.items).toEqual(second.items)
    a.unsubscribe()
    b.unsubscribe()
    const c = client.subscribe('room:messages', { room: 'lobby' }, recorder().handlers)
    await sleep(120)
    expect(authorize).toHaveBeenCalledTimes(1)
    expect(serverSubscriptions(io)).toBe(1)
    c.unsubscribe()
    await vi.waitFor(() => expect(serverSubscriptions(io)).toBe(0))
  })
})

/** Cuts the client's transport and keeps it offline for `ms` (socket.io-client reconnects after its delay). */
async function goOffline(client: VolleyClient<Feed>): Promise<void> {
  client.raw.io.engine.close()
  await until(client, (s) => s.status === 'reconnecting')
}

describe('subscriptions across reconnects (the proofs)', () => {
  for (const recovery of [false, true]) {
    it(`1,000 items published while a client is offline for 2 s arrive exactly once, in order (CSR ${recovery ? 'on' : 'off'})`, async () => {
      const { io, url } = await startServer(feed, recovery ? { connectionStateRecovery: {} } : {})
      const authorize = vi.fn(() => true)
      io.subscription('room:messages', { authorize })
      const client = connectClient(feed, url, {
        reconnectionDelay: 2_000,
        reconnectionDelayMax: 2_000,
        randomizationFactor: 0,
      })
      const lobby = recorder()
      const subscription = client.subscribe('room:messages', { room: 'lobby' }, lobby.handlers)
      await until(subscription, (s) => s.status === 'live')
      await publishAll(io, 'lobby', 0, 10)
      await vi.waitFor(() => expect(lobby.items).toHaveLength(10))

      await goOffline(client)
      const offlineAt = Date.now()
      await publishAll(io, 'lobby', 10, 1_010)
      await connected(client)
      const offlineFor = Date.now() - offlineAt
      expect(client.getSnapshot().recovered).toBe(recovery)
      await until(subscription, (s) => s.status === 'live')
      await vi.waitFor(() => expect(lobby.items).toHaveLength(1_010))
      // Without recovery the server replays the 1,000 from its store; with it, socket.io resends them.
      const replayed = lobby.batches
        .filter((batch) => batch.replayed)
        .reduce((sum, batch) => sum + batch.size, 0)
      expect(replayed).toBe(recovery ? 0 : 1_000)
      if (!recovery) expect(lobby.batches.find((batch) => batch.replayed)).toMatchObject({ resumed: true })
      await publishAll(io, 'lobby', 1_010, 1_020)
      await vi.waitFor(() => expect(lobby.items).toHaveLength(1_020))
      await sleep(50)
      expect(lobby.items.map((item) => item.n)).toEqual(range(0, 1_020))
      expect(lobby.gaps).toEqual([])
      expect(offlineFor).toBeGreaterThanOrEqual(1_900)
      expect(authorize).toHaveBeenCalledTimes(2)
    })
  }

  it('items published while the client resubscribes are neither lost, doubled nor reordered', async () => {
    // An asynchronous store widens the window between joining the stream and reading its history.
    const memory = new MemorySubscriptionStore()
    const slow: SubscriptionStore = {
      append: (stream, item, retention) => memory.append(stream, item, retention),
      head: async (stream) => {
        await sleep(5)
        return memory.head(stream)
      },
      read: async (stream, after, limit) => {
        await sleep(30)
        return memory.read(stream, after, limit)
      },
    }
    const { io, url } = await startServer(feed, { subscriptionStore: slow })
    io.subscription('room:messages')
    const client = connectClient(feed, url, { reconnectionDelay: 100, reconnectionDelayMax: 100 })
    const lobby = recorder()
    const subscription = client.subscribe('room:messages', { room: 'lobby' }, lobby.handlers)
    let n = 0
    let publishing = true
    const publisher = (async () => {
      while (publishing) {
        await io.publish('room:messages', { room: 'lobby' }, { room: 'lobby', n: n++ })
        await sleep(1)
      }
    })()
    await until(subscription, (s) => s.status === 'live')
    for (let cut = 0; cut < 3; cut += 1) {
      await sleep(60)
      await goOffline(client)
      await until(subscription, (s) => s.status === 'pending')
      await until(subscription, (s) => s.status === 'live')
    }
    await sleep(60)
    publishing = false
    await publisher
    await vi.waitFor(() => expect(lobby.items.at(-1)?.n).toBe(n - 1))
    const first = lobby.items[0]!.n
    expect(lobby.items.map((item) => item.n)).toEqual(range(first, n))
    expect(lobby.batches.some((batch) => batch.replayed)).toBe(true)
  })

  it('with a retention of 100 and 1,000 missed: a gap, then the last 100, nothing silently lost', async () => {
    const { io, url } = await startServer(feed)
    io.subscription('room:messages', { retention: { count: 100 } })
    const client = connectClient(feed, url, { reconnectionDelay: 300, reconnectionDelayMax: 300 })
    const lobby = recorder()
    const order: string[] = []
    const subscription = client.subscribe(
      'room:messages',
      { room: 'lobby' },
      {
        onItems: (items, info) => {
          lobby.handlers.onItems(items, info)
          order.push(`items:${items.length}`)
        },
        onGap: (gap) => {
          lobby.handlers.onGap(gap)
          order.push(`gap:${gap.reason}`)
        },
      },
    )
    await until(subscription, (s) => s.status === 'live')
    await publishAll(io, 'lobby', 0, 5)
    await vi.waitFor(() => expect(lobby.items).toHaveLength(5))
    const lastSeen = subscription.cursor
    await goOffline(client)
    await publishAll(io, 'lobby', 5, 1_005)
    await connected(client)
    await vi.waitFor(() => expect(lobby.items).toHaveLength(105))
    expect(lobby.gaps).toEqual([{ reason: 'expired', dropped: 900, cursor: lastSeen }])
    expect(lobby.items.map((item) => item.n)).toEqual([...range(0, 5), ...range(905, 1_005)])
    expect(order.slice(-2)).toEqual(['gap:expired', 'items:100'])
    expect(subscription.getSnapshot().gap).toMatchObject({ reason: 'expired', dropped: 900 })
  })

  it("a cursor from another server life gets a 'reset' gap and the new life's items", async () => {
    const { io, url } = await startServer(feed)
    io.subscription('room:messages')
    await publishAll(io, 'lobby', 0, 3)
    const client = connectClient(feed, url)
    const lobby = recorder()
    // A cursor kept from an earlier session with another store (another server life).
    const previous = `${new MemorySubscriptionStore().epoch}:42`
    const subscription = client.subscribe(
      'room:messages',
      { room: 'lobby' },
      { from: previous, ...lobby.handlers },
    )
    await until(subscription, (s) => s.status === 'live')
    await vi.waitFor(() => expect(lobby.items).toHaveLength(3))
    expect(lobby.gaps).toEqual([{ reason: 'reset', cursor: previous }])
    expect(lobby.items.map((item) => item.n)).toEqual([0, 1, 2])
  })
})

describe('snapshot subscriptions', () => {
  it('send a snapshot on every (re)subscribe, then the items published after it', async () => {
    const { io, url } = await startServer(feed)
    let text = 'v1'
    const snapshot = vi.fn((_context: unknown) => ({ text }))
    io.subscription('doc', { snapshot })
    const client = connectClient(feed, url, { reconnectionDelay: 50, reconnectionDelayMax: 50 })
    const snapshots: string[] = []
    const edits: string[] = []
    const doc = client.subscribe(
      'doc',
      { doc: 'a' },
      {
        onSnapshot: (value) => void snapshots.push(value.text),
        onItems: (items) => void edits.push(...items.map((item) => item.edit)),
      },
    )
    await until(doc, (s) => s.status === 'live')
    await io.publish('doc', { doc: 'a' }, { edit: '+x' })
    await vi.waitFor(() => expect(edits).toEqual(['+x']))
    text = 'v2'
    await goOffline(client)
    await connected(client)
    await vi.waitFor(() => expect(snapshots).toEqual(['v1', 'v2']))
    expect(snapshot).toHaveBeenCalledTimes(2)
    expect(snapshot.mock.calls[1]![0]).toMatchObject({ params: { doc: 'a' }, cursor: expect.any(String) })
    // A second subscriber of the same doc gets the last snapshot at once.
    const late: string[] = []
    client.subscribe('doc', { doc: 'a' }, { onSnapshot: (value) => void late.push(value.text) })
    expect(late).toEqual(['v2'])
  })

  it('give a late subscriber a current snapshot, not one that items have changed since', async () => {
    const { io, url } = await startServer(feed)
    let text = 'v1'
    const snapshot = vi.fn((_context: unknown) => ({ text }))
    io.subscription('doc', { snapshot })
    const client = connectClient(feed, url)
    const first: string[] = []
    const seen: string[] = []
    const doc = client.subscribe(
      'doc',
      { doc: 'a' },
      {
        onSnapshot: (value) => void first.push(value.text),
        onItems: (items) => void seen.push(...items.map((item) => item.edit)),
      },
    )
    await until(doc, (s) => s.status === 'live')
    text = 'v1+x'
    await io.publish('doc', { doc: 'a' }, { edit: '+x' })
    await vi.waitFor(() => expect(seen).toEqual(['+x']))
    const edits: string[] = []
    const late: string[] = []
    const second = client.subscribe(
      'doc',
      { doc: 'a' },
      {
        onSnapshot: (value) => void late.push(value.text),
        onItems: (items) => void edits.push(...items.map((item) => item.edit)),
      },
    )
    await vi.waitFor(() => expect(late).toEqual(['v1+x']))
    // The first subscriber gets the current snapshot too (a snapshot replaces state); the stale one is never shown.
    expect(first).toEqual(['v1', 'v1+x'])
    await until(second, (s) => s.status === 'live')
    await io.publish('doc', { doc: 'a' }, { edit: '+y' })
    await vi.waitFor(() => expect(edits).toEqual(['+y']))
    expect(seen).toEqual(['+x', '+y'])
    expect(snapshot).toHaveBeenCalledTimes(2)
  })

  it('refuses a server registration whose snapshot does not match the contract', async () => {
    const { io } = await startServer(feed)
    expect(() => io.subscription('doc', {} as never)).toThrow(
      /declares a snapshot, so pass a `snapshot` function/,
    )
    expect(() => io.subscription('room:messages', { snapshot: () => 1 } as never)).toThrow(
      /`snapshot` needs a snapshot schema/,
    )
    expect(() => io.subscription('nope' as 'doc', { snapshot: () => ({ text: '' }) })).toThrow(
      /"nope" is not a subscription of this contract/,
    )
  })
})

describe('subscriptionTarget', () => {
  it('names the store key, room and wire id io.publish uses, so another process can publish the same way', async () => {
    const store = new MemorySubscriptionStore()
    const { io, url } = await startServer(feed, { subscriptionStore: store })
    io.subscription('room:messages')
    const client = connectClient(feed, url)
    const lobby = recorder()
    const subscription = client.subscribe('room:messages', { room: 'lobby' }, lobby.handlers)
    await until(subscription, (s) => s.status === 'live')
    const target = subscriptionTarget('/', 'room:messages', { room: 'lobby' })
    expect(target.room).toBe('$volley:["room:messages",{"room":"lobby"}]')
    // What io.publish does, by hand: append to the store under storeKey, emit to room with the wire id.
    const cursor = store.append(target.storeKey, { room: 'lobby', n: 7 }, { count: 10 })
    io.raw.to(target.room).emit('$volley:item', [target.stream, cursor, { room: 'lobby', n: 7 }])
    await vi.waitFor(() => expect(lobby.items).toEqual([{ room: 'lobby', n: 7 }]))
    expect(subscription.cursor).toBe(cursor)
    expect(subscriptionTarget('/admin', 'room:messages', { room: 'lobby' }).storeKey).toBe(
      '/admin ["room:messages",{"room":"lobby"}]',
    )
  })
})

describe('live items that lag behind the replay', () => {
  it('are not delivered twice: an item the subscribe answer replayed and that arrives live later is dropped', async () => {
    const store = new MemorySubscriptionStore()
    const { io, url } = await startServer(feed, { subscriptionStore: store })
    io.subscription('room:messages')
    const first = await io.publish('room:messages', { room: 'lag' }, { room: 'lag', n: 1 })
    await io.publish('room:messages', { room: 'lag' }, { room: 'lag', n: 2 })
    const client = connectClient(feed, url)
    const lag = recorder()
    const subscription = client.subscribe(
      'room:messages',
      { room: 'lag' },
      { from: 'start', ...lag.handlers },
    )
    await until(subscription, (s) => s.status === 'live')
    await vi.waitFor(() => expect(lag.items.map((item) => item.n)).toEqual([1, 2]))
    // Another process's live delivery of item 1, arriving after the answer that replayed it.
    const target = subscriptionTarget('/', 'room:messages', { room: 'lag' })
    io.raw.to(target.room).emit('$volley:item', [target.stream, first, { room: 'lag', n: 1 }])
    await io.publish('room:messages', { room: 'lag' }, { room: 'lag', n: 3 })
    await vi.waitFor(() => expect(lag.items.map((item) => item.n)).toEqual([1, 2, 3]))
    await sleep(50)
    expect(lag.items.map((item) => item.n)).toEqual([1, 2, 3])
  })
})
