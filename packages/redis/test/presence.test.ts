import { randomUUID } from 'node:crypto'
import { io as rawClient } from 'socket.io-client'
import { describe, expect, it } from 'vitest'
import type { Presence, PresenceSnapshot } from '@volley/core/client'
import { connectClient, connected, eventually, onCleanup, useRedisServer } from './helpers'
import { startNode, type NodeProcess } from './presenceCluster'
import { lounge } from './presenceContract'

const redis = useRedisServer()

type Lounge = typeof lounge
type Handle = Presence<Lounge, 'room'>

/**
 * What a client sees: each member's key and its connections' statuses, sorted (clients of different
 * nodes may learn of members who join at the same moment in a different order).
 */
const view = (snapshot: PresenceSnapshot<{ name: string; status: string }>) =>
  snapshot.members
    .map(
      (member) =>
        `${member.key}:${member.connections
          .map((c) => c.meta.status)
          .sort()
          .join('+')}`,
    )
    .sort()

async function threeNodes(lease: number): Promise<NodeProcess[]> {
  const env = { REDIS_URL: redis.server.url, PREFIX: `p-${randomUUID()}`, LEASE: String(lease) }
  return Promise.all(['one', 'two', 'three'].map((name) => startNode(name, env)))
}

/** Joins the lobby as a user on a node, tracked with a status. */
function join(node: NodeProcess, user: string, status: 'online' | 'away' = 'online'): Handle {
  const client = connectClient(lounge, node.url, { auth: { user }, reconnectionDelay: 100 })
  return client.presence('room', { room: 'lobby' }, { meta: { name: user, status } })
}

/**
 * Resolves once every handle sees `expected`; returns how long that took from `started`.
 * @param change - what to do first (after `started`)
 */
async function agreement(
  handles: readonly Handle[],
  expected: string[],
  started = performance.now(),
  change?: () => unknown,
): Promise<number> {
  void change?.()
  await eventually(
    () => handles.every((handle) => view(handle.getSnapshot()).join() === expected.join()),
    10_000,
  ).catch((error: unknown) => {
    const seen = handles.map(
      (handle) => `${handle.getSnapshot().status} [${view(handle.getSnapshot()).join(' ')}]`,
    )
    throw new Error(`the clients do not agree on [${expected.join(' ')}]: ${seen.join('; ')}`, {
      cause: error,
    })
  })
  return Math.round(performance.now() - started)
}

describe('presence across 3 server processes over Redis', () => {
  it('members tracked on any node: every node’s clients agree on the list, its joins, updates and leaves', async () => {
    const [one, two, three] = await threeNodes(10_000)
    // Ada has two tabs, on two different nodes: one member with two connections everywhere.
    const handles = [join(one!, 'ada'), join(two!, 'bob'), join(three!, 'cleo'), join(three!, 'ada', 'away')]
    const watcher = connectClient(lounge, two!.url, { auth: { user: 'dan' } }).presence('room', {
      room: 'lobby',
    })
    const all = [...handles, watcher]
    await agreement(all, ['ada:away+online', 'bob:online', 'cleo:online'])
    expect(watcher.getSnapshot().me).toBeUndefined()
    expect(
      handles[0]!
        .getSnapshot()
        .others.map((member) => member.key)
        .sort(),
    ).toEqual(['bob', 'cleo'])

    // Timed from the moment the change is sent until every client of every node shows it.
    const eve = connectClient(lounge, one!.url, { auth: { user: 'eve' }, releaseDelay: 0 })
    await connected(eve)
    const sent = performance.now()
    const eveHere = eve.presence('room', { room: 'lobby' }, { meta: { name: 'eve', status: 'online' } })
    const joined = await agreement(
      [...all, eveHere],
      ['ada:away+online', 'bob:online', 'cleo:online', 'eve:online'],
      sent,
    )
    const updated = await agreement(
      all,
      ['ada:away+online', 'bob:online', 'cleo:online', 'eve:away'],
      performance.now(),
      () => eveHere.update({ name: 'eve', status: 'away' }),
    )
    const left = await agreement(
      all,
      ['ada:away+online', 'bob:online', 'cleo:online'],
      performance.now(),
      () => eveHere.leave(),
    )
    console.log(
      `[presence] 3 nodes: every client shows a join ${joined} ms, an update ${updated} ms and a leave ${left} ms after it was sent`,
    )
  })

  it('kill -9 a node: its members leave everyone else’s list within the lease', async () => {
    const lease = 2_000
    const [one, two, three] = await threeNodes(lease)
    const survivors = [join(one!, 'ada'), join(two!, 'bob')]
    const doomed = [join(three!, 'cleo'), join(three!, 'dan'), join(three!, 'ada', 'away')]
    await agreement([...survivors, ...doomed], ['ada:away+online', 'bob:online', 'cleo:online', 'dan:online'])
    const killed = performance.now()
    await three!.kill()
    await agreement(survivors, ['ada:online', 'bob:online'])
    const removal = Math.round(performance.now() - killed)
    console.log(
      `[presence] the members of a node killed with SIGKILL left ${removal} ms later (lease ${lease} ms)`,
    )
    // Generous bound for a loaded machine: the point is that they leave (not never) around the lease.
    expect(removal).toBeLessThan(lease * 3)
  })

  it('a meta that fails its schema is refused by any node with VALIDATION_FAILED, and nobody sees it', async () => {
    const [one, two] = await threeNodes(10_000)
    const watcher = join(two!, 'bob')
    await agreement([watcher], ['bob:online'])
    const raw = rawClient(one!.url, { auth: { user: 'eve' }, transports: ['websocket'] })
    onCleanup(() => raw.disconnect())
    const answer = await raw.timeout(10_000).emitWithAck('$volley:presence:join', {
      name: 'room',
      params: { room: 'lobby' },
      meta: { name: 'Eve', status: 'invisible' },
    })
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [{ path: ['status'] }] },
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(view(watcher.getSnapshot())).toEqual(['bob:online'])
  })
})
