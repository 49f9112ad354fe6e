// The multi-process proof: real Volley server processes over a real redis-server, clients in this
// process, an emitter process, kill -9, a Redis outage. Figures are printed with a [cluster] prefix.
import { randomUUID } from 'node:crypto'
import { createServer as createNetServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { io as rawClient } from 'socket.io-client'
import type { VolleyClient } from '@volley/core/client'
import type { Redis } from 'ioredis'
import { cluster } from './cluster/contract'
import { exited, runScript, startBalancer, startNode, type NodeProcess } from './cluster/processes'
import { connectRedis } from '../src/index'
import { connectClient, connected, useRedisServer } from './helpers'

const redis = useRedisServer()
const prefix = `cluster-${randomUUID()}`
const nodes = new Map<string, NodeProcess>()
let control: Redis

type Client = VolleyClient<typeof cluster>

async function boot(name: string): Promise<NodeProcess> {
  const node = await startNode(name, { REDIS_URL: redis.server.url, PREFIX: prefix, LEASE: '2000' })
  nodes.set(name, node)
  return node
}

function kill9(name: string): void {
  nodes.get(name)!.child.kill('SIGKILL')
}

beforeAll(async () => {
  await Promise.all(['A', 'B', 'C'].map(boot))
}, 60_000)

afterAll(() => {
  for (const node of nodes.values()) node.child.kill('SIGKILL')
})

/** A client that reconnects quickly (the default waits 1 to 5 s). */
function client(url: string): Client {
  return connectClient(cluster, url, { reconnectionDelay: 200, reconnectionDelayMax: 1_000 })
}

describe('three server processes over Redis', () => {
  beforeAll(async () => {
    control = await connectRedis(redis.server.url, { logger: false })
  })
  afterAll(() => control.disconnect())

  it('a broadcast from any node reaches the clients of every node', async () => {
    const clients = ['A', 'B', 'C'].flatMap((name) => [
      client(nodes.get(name)!.url),
      client(nodes.get(name)!.url),
    ])
    await Promise.all(clients.map(connected))
    await Promise.all(clients.map((c) => c.request('join', { room: 'all' })))
    const heard = clients.map(() => [] as string[])
    clients.forEach((c, i) => c.on('notice', ({ node }) => void heard[i]!.push(node)))
    for (const [i, name] of [0, 2, 4].map((i, k) => [i, ['A', 'B', 'C'][k]!] as const)) {
      expect(await clients[i]!.request('shout', { room: 'all', text: 'hi' })).toEqual({ node: name })
    }
    await vi.waitFor(() =>
      expect(heard.map((nodesHeard) => nodesHeard.sort())).toEqual(clients.map(() => ['A', 'B', 'C'])),
    )
  })

  it('a subscription publish from the emitter process reaches subscribers on every node, with its cursors', async () => {
    const received = new Map<string, string[]>()
    const subscriptions = ['A', 'B', 'C'].map((name) => {
      const c = client(nodes.get(name)!.url)
      received.set(name, [])
      return c.subscribe(
        'room:messages',
        { room: 'emitted' },
        { onItems: (items) => void received.get(name)!.push(...items.map((item) => item.id)) },
      )
    })
    await vi.waitFor(() =>
      expect(subscriptions.map((s) => s.getSnapshot().status)).toEqual(['live', 'live', 'live']),
    )
    const run = await exited(
      runScript('emitter.ts', { REDIS_URL: redis.server.url, PREFIX: prefix, ROOM: 'emitted', COUNT: '3' }),
    )
    expect(run.code).toBe(0)
    const cursors = JSON.parse(run.stdout) as string[]
    const ids = ['emitter-0', 'emitter-1', 'emitter-2']
    await vi.waitFor(() => expect([...received.values()]).toEqual([ids, ids, ids]))
    expect(subscriptions.map((s) => s.cursor)).toEqual([cursors[2], cursors[2], cursors[2]])
  })

  it('an idempotent request retried on another node after its node crashed runs once', async () => {
    const key = randomUUID()
    const id = `idem-${key}`
    const storeKey = `${prefix}:idem:${JSON.stringify(['/', 'send', key])}`
    // A plain socket.io client sends it to B; B is killed as soon as the answer is stored, before the
    // client may have it.
    const first = rawClient(nodes.get('B')!.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    })
    await new Promise<void>((resolve) => first.on('connect', () => resolve()))
    first.emit(
      '$volley:idempotent',
      { event: 'send', key, payload: { room: 'idem', id, slow: 300 } },
      () => {},
    )
    await vi.waitFor(async () => expect(await control.get(storeKey)).toContain('"done"'), { interval: 5 })
    kill9('B')
    first.disconnect()
    const retry = client(nodes.get('C')!.url)
    await connected(retry)
    expect(await retry.request('send', { room: 'idem', id, slow: 300 }, { key })).toMatchObject({ node: 'B' })
    expect(await control.get(`runs:${id}`)).toBe('1')

    // Killed in the middle of the handler instead: the claim lapses after the lease (2 s), then the retry
    // runs it (at least once: the handler may have had its effect before the crash).
    await boot('B')
    const midKey = randomUUID()
    const midId = `idem-${midKey}`
    const second = rawClient(nodes.get('B')!.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    })
    await new Promise<void>((resolve) => second.on('connect', () => resolve()))
    second.emit(
      '$volley:idempotent',
      { event: 'send', key: midKey, payload: { room: 'idem', id: midId, slow: 5_000 } },
      () => {},
    )
    await vi.waitFor(async () => expect(await control.get(`runs:${midId}`)).toBe('1'), { interval: 5 })
    kill9('B')
    second.disconnect()
    const started = Date.now()
    expect(await retry.request('send', { room: 'idem', id: midId }, { key: midKey })).toMatchObject({
      node: 'C',
    })
    console.log(
      `[cluster] a claim of a killed node lapsed after ${Date.now() - started} ms (lease 2000 ms); the retry ran the handler again`,
    )
    expect(await control.get(`runs:${midId}`)).toBe('2')
    await boot('B')
  })

  it('kill -9 of a node holding 100 publishing clients: they reconnect to the others and resume, counted', async () => {
    let ports = [nodes.get('A')!.port]
    const balancer = await startBalancer(() => ports)
    const onA = Array.from({ length: 100 }, () => client(balancer.url))
    const others = [
      ...Array.from({ length: 10 }, () => client(nodes.get('B')!.url)),
      ...Array.from({ length: 10 }, () => client(nodes.get('C')!.url)),
    ]
    const clients = [...onA, ...others]
    await Promise.all(clients.map(connected))
    ports = ['A', 'B', 'C'].map((name) => nodes.get(name)!.port)
    const received = clients.map(() => [] as string[])
    const subscriptions = clients.map((c, i) =>
      c.subscribe(
        'room:messages',
        { room: 'kill' },
        { onItems: (items) => void received[i]!.push(...items.map((item) => item.id)) },
      ),
    )
    await vi.waitFor(() => expect(subscriptions.every((s) => s.getSnapshot().status === 'live')).toBe(true), {
      timeout: 30_000,
    })

    // Each client sends 5 messages through its outbox (idempotency keys), 200 ms apart; A dies after 500 ms.
    const acked: string[] = []
    const failed: unknown[] = []
    const sending = clients.map(async (c, i) => {
      for (let n = 0; n < 5; n += 1) {
        const id = `k-${i}-${n}`
        await c.request('send', { room: 'kill', id }, { queue: true, timeout: 60_000 }).then(
          () => void acked.push(id),
          (error: unknown) => void failed.push(error),
        )
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    })
    await new Promise((resolve) => setTimeout(resolve, 500))
    const killedAt = Date.now()
    kill9('A')
    await Promise.all(sending)
    const allAcked = Date.now()
    expect(failed).toEqual([])
    expect(acked).toHaveLength(600)
    await vi.waitFor(() => expect(onA.every((c) => c.getSnapshot().status === 'connected')).toBe(true), {
      timeout: 30_000,
    })
    // Wait until every client has every acknowledged message, or 10 s of nothing new.
    const expected = new Set(acked)
    const complete = (): boolean =>
      received.every((ids) => new Set(ids.filter((id) => expected.has(id))).size === expected.size)
    for (let last = -1, quietSince = Date.now(); !complete() && Date.now() - quietSince < 10_000;) {
      const total = received.reduce((sum, ids) => sum + ids.length, 0)
      if (total !== last) [last, quietSince] = [total, Date.now()]
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    let lost = 0
    let duplicates = 0
    for (const ids of received) {
      const unique = new Set(ids)
      duplicates += ids.length - unique.size
      for (const id of expected) if (!unique.has(id)) lost += 1
    }
    const runs = await Promise.all(acked.map((id) => control.get(`runs:${id}`)))
    const ranTwice = runs.filter((count) => Number(count) > 1).length
    const stream = await control.xrange(
      `${prefix}:sub:${JSON.stringify(['room:messages', { room: 'kill' }])}`,
      '-',
      '+',
    )
    const published = stream.map(
      ([, fields]) => (JSON.parse(fields[fields.indexOf('j') + 1]!) as { id: string }).id,
    )
    const publishedTwice = published.length - new Set(published).size
    const twice = new Set(published.filter((id, i) => published.indexOf(id) !== i))
    // Duplicates of items the stream holds once: delivery duplicates (the goal is 0). Items the stream holds
    // twice come from a handler that ran twice (its node died after publishing, before its answer was stored).
    let deliveryDuplicates = 0
    for (const ids of received) {
      const counts = new Map<string, number>()
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1)
      for (const [id, count] of counts) if (!twice.has(id)) deliveryDuplicates += count - 1
    }
    console.log(
      `[cluster] kill -9 of node A with 100 of 120 clients: 600 messages acknowledged (${failed.length} failed) ${allAcked - killedAt} ms after the kill; ` +
        `deliveries expected ${expected.size * clients.length}, lost ${lost}, duplicates ${duplicates} (delivery duplicates ${deliveryDuplicates}; the rest from ${publishedTwice} item(s) published twice by a handler that ran again); handlers that ran twice: ${ranTwice}`,
    )
    balancer.close()
    await boot('A')
    expect(lost).toBe(0)
    expect(deliveryDuplicates).toBe(0)
  })

  it('Redis stopped for 5 s while traffic flows: no process exits, nothing acknowledged is lost, delivery resumes', async () => {
    const clients = ['A', 'B', 'C'].flatMap((name) =>
      Array.from({ length: 4 }, () => client(nodes.get(name)!.url)),
    )
    await Promise.all(clients.map(connected))
    const received = clients.map(() => new Map<string, number>())
    const subscriptions = clients.map((c, i) =>
      c.subscribe(
        'room:messages',
        { room: 'outage' },
        { onItems: (items) => items.forEach((item) => received[i]!.set(item.id, Date.now())) },
      ),
    )
    await vi.waitFor(() => expect(subscriptions.every((s) => s.getSnapshot().status === 'live')).toBe(true))
    const sentAt = new Map<string, number>()
    const acked: string[] = []
    const failed: unknown[] = []
    let stop = false
    const sending = clients.map(async (c, i) => {
      for (let n = 0; !stop; n += 1) {
        const id = `o-${i}-${n}`
        sentAt.set(id, Date.now())
        await c.request('send', { room: 'outage', id }, { queue: true, timeout: 60_000 }).then(
          () => void acked.push(id),
          (error: unknown) => void failed.push(error),
        )
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    await redis.server.stop()
    const down = Date.now()
    await new Promise((resolve) => setTimeout(resolve, 5_000))
    await redis.server.start()
    const up = Date.now()
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    stop = true
    await Promise.all(sending)
    expect(failed).toEqual([])
    expect([...nodes.values()].map((node) => node.alive())).toEqual([true, true, true])
    await vi.waitFor(() => expect(received.every((ids) => acked.every((id) => ids.has(id)))).toBe(true), {
      timeout: 20_000,
    })
    let stall = 0
    for (const ids of received) for (const [id, at] of ids) stall = Math.max(stall, at - sentAt.get(id)!)
    const afterOutage = acked.filter((id) => sentAt.get(id)! > up)
    console.log(
      `[cluster] Redis down ${up - down} ms under traffic: ${acked.length} messages acknowledged, all delivered to all ${clients.length} subscribers (${afterOutage.length} sent after it, across nodes); longest delivery ${stall} ms; no process exited`,
    )
    expect(afterOutage.length).toBeGreaterThan(0)
  })

  it('a Redis URL that is down or wrong at start: a clear error and exit, not a hang', async () => {
    const closed = createNetServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as { port: number }
    await new Promise((resolve) => closed.close(resolve))
    const started = Date.now()
    const down = await exited(
      runScript('node.ts', { REDIS_URL: `redis://127.0.0.1:${port}`, TIMEOUT: '1000' }),
    )
    expect(down.code).not.toBe(0)
    expect(down.stderr).toMatch(
      new RegExp(
        `\\[volley\\] Could not connect to Redis at redis://127\\.0\\.0\\.1:${port} within 1000 ms \\(.*ECONNREFUSED`,
      ),
    )
    const wrong = await exited(runScript('node.ts', { REDIS_URL: 'http://127.0.0.1:6379' }))
    expect(wrong.code).not.toBe(0)
    expect(wrong.stderr).toMatch(/\[volley\] connectRedis: "http:\/\/127\.0\.0\.1:6379" is not a Redis URL/)
    console.log(
      `[cluster] a down Redis URL failed the start in ${Date.now() - started} ms (timeout 1000 ms, process start included)`,
    )
  })
})
