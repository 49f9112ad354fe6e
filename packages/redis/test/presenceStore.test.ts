import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import type { PresenceEntry } from '@volley/core/server'
import { RedisPresenceStore } from '../src/index'
import { onCleanup, redisClient, useRedisServer } from './helpers'

const redis = useRedisServer()
const WAIT = { timeout: 10_000, interval: 20 }

async function store(prefix: string, lease = 10_000) {
  const client = await redisClient(redis.server.url)
  const created = new RedisPresenceStore(client, { prefix, lease, logger: false })
  onCleanup(() => created.close().catch(() => {}))
  return { client, store: created }
}

const entry = (key: string, ref: string, status = 'online'): PresenceEntry => ({ key, ref, meta: { status } })

describe('RedisPresenceStore', () => {
  it('keeps the entries of every process in one place, in the order they arrived; an update keeps its place', async () => {
    const prefix = randomUUID()
    const [one, two] = [await store(prefix), await store(prefix)]
    await one.store.set('t', entry('ada', 'r1'))
    await two.store.set('t', entry('bob', 'r2'))
    await one.store.set('t', entry('ada', 'r3'))
    await two.store.set('t', entry('bob', 'r2', 'away'))
    expect(await one.store.list('t')).toEqual([
      entry('ada', 'r1'),
      entry('bob', 'r2', 'away'),
      entry('ada', 'r3'),
    ])
    expect(await two.store.delete('t', 'r1')).toEqual(entry('ada', 'r1'))
    expect(await one.store.delete('t', 'r1')).toBeUndefined()
    expect((await two.store.list('t')).map((e) => e.ref)).toEqual(['r2', 'r3'])
    expect(await one.store.list('other')).toEqual([])
  })

  it('a process that stops renewing its lease has its entries removed by another, reported once', async () => {
    const prefix = randomUUID()
    const dying = await store(prefix, 500)
    const removedBy: string[] = []
    const survivors = [await store(prefix, 500), await store(prefix, 500)]
    const removed: [string, readonly PresenceEntry[]][] = []
    for (const [index, survivor] of survivors.entries()) {
      survivor.store.watch({
        removed: (topic, entries) => {
          removed.push([topic, entries])
          removedBy.push(`s${index}`)
        },
        lost: () => {},
      })
    }
    await dying.store.set('a', entry('ada', 'r1'))
    await dying.store.set('b', entry('ada', 'r2'))
    await dying.store.set('a', entry('cleo', 'r3'))
    await survivors[0]!.store.set('a', entry('bob', 'r4'))
    // Alive: renewed every 100 ms, so nothing is removed over several leases.
    await new Promise((resolve) => setTimeout(resolve, 1_200))
    expect(removed).toEqual([])
    dying.client.disconnect() // the process is gone: no more renewals
    const died = Date.now()
    await vi.waitFor(() => expect(removed).toHaveLength(2), WAIT)
    const elapsed = Date.now() - died
    expect(new Map(removed)).toEqual(
      new Map([
        ['a', [entry('ada', 'r1'), entry('cleo', 'r3')]],
        ['b', [entry('ada', 'r2')]],
      ]),
    )
    expect(new Set(removedBy).size).toBeGreaterThan(0)
    expect((await survivors[1]!.store.list('a')).map((e) => e.ref)).toEqual(['r4'])
    console.log(
      `[presence] a dead process's entries were removed ${elapsed} ms after it stopped (lease 500 ms)`,
    )
    // Generous bound for a loaded machine: the point is that they leave, not when exactly.
    expect(elapsed).toBeLessThan(5_000)
  })

  it('a process taken for dead (its lease gone) removes what is left and has its entries tracked again', async () => {
    const prefix = randomUUID()
    const { client, store: stalled } = await store(prefix, 500)
    const events: string[] = []
    stalled.watch({
      removed: (topic, entries) =>
        void events.push(`removed ${topic} ${entries.map((e) => e.ref).join(',')}`),
      lost: (topic, entries) => void events.push(`lost ${topic} ${entries.map((e) => e.ref).join(',')}`),
    })
    await stalled.set('a', entry('ada', 'r1'))
    const before = stalled.node
    await client.del(`${prefix}:presence:lease:${before}`)
    await vi.waitFor(() => expect(events).toEqual(['removed a r1', 'lost a r1']), WAIT)
    expect(stalled.node).not.toBe(before)
    expect(await stalled.list('a')).toEqual([])
    // The server tracks it again under a new ref; the new node holds it.
    await stalled.set('a', entry('ada', 'r9'))
    expect(await client.smembers(`${prefix}:presence:node:${stalled.node}`)).toEqual(['a\nr9'])
  })

  it('close() removes what this process still holds, and its lease', async () => {
    const prefix = randomUUID()
    const { client, store: closing } = await store(prefix)
    await closing.set('a', entry('ada', 'r1'))
    await closing.close()
    expect(await closing.list('a')).toEqual([])
    expect(await client.keys(`${prefix}:presence:*`)).toEqual([`${prefix}:presence:order`])
    expect(() => new RedisPresenceStore(client, { lease: 10 })).toThrow(
      /lease must be an integer of at least 100 ms/,
    )
    expect(() => new RedisPresenceStore('redis://x' as never)).toThrow(/not a URL/)
  })
})
