import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import type { SubscriptionGap } from '@volley/core/client'
import { createRedisOptions, RedisIdempotencyStore } from '../src/index'
import { chat } from './fixtures'
import { connectClient, connected, onCleanup, redisClient, startServer, useRedisServer } from './helpers'

const redis = useRedisServer()

type Item = { id: string; text: string; from: string }

/** Two Volley servers over one Redis, serving `room:messages` and `message:send` (publishes, counts runs). */
async function twoNodes(prefix = `t-${randomUUID()}`) {
  const runs: string[] = []
  const nodes = []
  for (const name of ['one', 'two']) {
    const client = await redisClient(redis.server.url)
    const node = await startServer(chat, createRedisOptions(client, { prefix, lease: 200 }))
    node.io.subscription('room:messages')
    node.io.on('connection', (socket) =>
      socket.on('message:send', async ({ room, text }) => {
        runs.push(`${name}:${text}`)
        const id = randomUUID()
        const cursor = await node.io.publish('room:messages', { room }, { id, text, from: name })
        return { id, cursor }
      }),
    )
    nodes.push({ name, ...node })
  }
  return { nodes: nodes as [(typeof nodes)[0], (typeof nodes)[0]], runs, prefix }
}

function recorder() {
  const items: Item[] = []
  const gaps: SubscriptionGap[] = []
  const resumed: boolean[] = []
  return {
    items,
    gaps,
    resumed,
    onItems: (received: Item[], info: { resumed: boolean; replayed: boolean }) => {
      items.push(...received)
      if (info.replayed) resumed.push(info.resumed)
    },
    onGap: (gap: SubscriptionGap) => void gaps.push(gap),
  }
}

describe('resumable subscriptions across nodes', () => {
  it('items published on any node reach live subscribers on every node; a cursor from one node resumes on the other', async () => {
    const { nodes } = await twoNodes()
    const [one, two] = nodes
    const onOne = connectClient(chat, one.url)
    const onTwo = connectClient(chat, two.url)
    const a = recorder()
    const b = recorder()
    const subA = onOne.subscribe('room:messages', { room: 'lobby' }, a)
    onTwo.subscribe('room:messages', { room: 'lobby' }, b)
    await Promise.all([connected(onOne), connected(onTwo)])
    await vi.waitFor(() => expect(subA.getSnapshot().status).toBe('live'))
    await onTwo.request('message:send', { room: 'lobby', text: 'from two' })
    await onOne.request('message:send', { room: 'lobby', text: 'from one' })
    await vi.waitFor(() => expect(a.items).toHaveLength(2))
    await vi.waitFor(() => expect(b.items).toHaveLength(2))
    expect(a.items.map((item) => item.text)).toEqual(['from two', 'from one'])
    expect(b.items.map((item) => item.text)).toEqual(['from two', 'from one'])

    // The client of node one leaves; items keep coming on node two; it comes back on node two.
    const cursor = subA.cursor!
    onOne.disconnect()
    for (const text of ['m1', 'm2', 'm3']) await onTwo.request('message:send', { room: 'lobby', text })
    const moved = connectClient(chat, two.url)
    const c = recorder()
    moved.subscribe('room:messages', { room: 'lobby' }, { from: cursor, ...c })
    await vi.waitFor(() => expect(c.items).toHaveLength(3))
    expect(c.items.map((item) => item.text)).toEqual(['m1', 'm2', 'm3'])
    expect(c.gaps).toEqual([])
    expect(c.resumed).toEqual([true])
  })

  it("a cursor from before Redis lost its data reads as a 'reset' gap, then the new history", async () => {
    const { nodes } = await twoNodes()
    const client = connectClient(chat, nodes[0].url)
    await connected(client)
    const { cursor } = await client.request('message:send', { room: 'r', text: 'before' })
    await redis.server.stop()
    await redis.server.start()
    await vi.waitFor(() => client.request('message:send', { room: 'r', text: 'after' }), {
      timeout: 15_000,
      interval: 200,
    })
    const resumed = connectClient(chat, nodes[1].url)
    const r = recorder()
    resumed.subscribe('room:messages', { room: 'r' }, { from: cursor, ...r })
    await vi.waitFor(() => expect(r.gaps).toHaveLength(1), { timeout: 15_000 })
    expect(r.gaps[0]!.reason).toBe('reset')
    await vi.waitFor(() => expect(r.items.map((item) => item.text)).toEqual(['after']))
  })
})

describe('idempotent requests across nodes', () => {
  it('a request resent to another node runs once and both sends get the same answer', async () => {
    const { nodes, runs } = await twoNodes()
    const onOne = connectClient(chat, nodes[0].url)
    const onTwo = connectClient(chat, nodes[1].url)
    await Promise.all([connected(onOne), connected(onTwo)])
    const key = randomUUID()
    const first = await onOne.request('message:send', { room: 'x', text: 'once' }, { key })
    const again = await onTwo.request('message:send', { room: 'x', text: 'once' }, { key })
    expect(again).toEqual(first)
    expect(runs).toEqual(['one:once'])
    // Sent to both at the same time: one run, one answer.
    const both = randomUUID()
    const answers = await Promise.all([
      onOne.request('message:send', { room: 'x', text: 'both' }, { key: both }),
      onTwo.request('message:send', { room: 'x', text: 'both' }, { key: both }),
    ])
    expect(answers[0]).toEqual(answers[1])
    expect(runs.filter((run) => run.endsWith(':both'))).toHaveLength(1)
  })

  it('a claim whose process died lapses after the lease, and only then another process may run it', async () => {
    const prefix = randomUUID()
    const dying = await redisClient(redis.server.url)
    const living = await redisClient(redis.server.url)
    const crashed = new RedisIdempotencyStore(dying, { prefix, lease: 300 })
    const other = new RedisIdempotencyStore(living, { prefix, lease: 300 })
    expect(await crashed.claim('k', 60_000)).toBeUndefined()
    // Renewed while its process lives: still held after several leases.
    await new Promise((resolve) => setTimeout(resolve, 900))
    expect(await other.claim('k', 60_000)).toEqual({ state: 'running' })
    dying.disconnect() // the process is gone: no more renewals
    const lost = Date.now()
    await vi.waitFor(async () => expect(await other.claim('k', 60_000)).toBeUndefined(), {
      timeout: 5_000,
      interval: 50,
    })
    expect(Date.now() - lost).toBeLessThan(2_000)
    onCleanup(() => other.release('k'))
  })
})
