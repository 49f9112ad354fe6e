import { describe, expect, it } from 'vitest'
import { MemoryIdempotencyStore, MemorySubscriptionStore } from '../src/server/index'
import { idempotencyStoreConformance, subscriptionStoreConformance } from '../src/testing/index'

// The same checks a shared store (@volley/redis) runs against its implementation.

describe('MemorySubscriptionStore conformance', () => {
  const checks = subscriptionStoreConformance(() => new MemorySubscriptionStore(), {
    aheadOf: (cursor) => cursor.replace(/:(\d+)$/, (_, seq: string) => `:${Number(seq) + 1_000}`),
  })
  for (const check of checks) it(check.name, check.run)
})

describe('MemoryIdempotencyStore conformance', () => {
  for (const check of idempotencyStoreConformance(() => new MemoryIdempotencyStore()))
    it(check.name, check.run)
})

describe('memory stores, beyond the interface', () => {
  it('MemorySubscriptionStore frees dropped items without losing its place', () => {
    const store = new MemorySubscriptionStore()
    const cursors: string[] = []
    for (let n = 0; n < 5_000; n += 1) cursors.push(store.append('s', n, { count: 10 }))
    const kept = store.read('s', undefined, 100)
    expect(kept).toMatchObject({ ok: true, more: false })
    expect(kept.ok && kept.items.map((i) => i.item)).toEqual(Array.from({ length: 10 }, (_, i) => 4_990 + i))
    expect(store.read('s', cursors[4_994], 100)).toMatchObject({
      ok: true,
      items: [{ item: 4_995 }, {}, {}, {}, {}],
    })
    expect(store.read('s', cursors[100], 100)).toMatchObject({ gap: { reason: 'expired', dropped: 4_889 } })
    expect(store.head('s')).toBe(cursors[4_999])
  })

  it('MemoryIdempotencyStore keeps at most maxKeys, forgetting the oldest', () => {
    const store = new MemoryIdempotencyStore({ maxKeys: 3 })
    for (const key of ['a', 'b', 'c', 'd']) store.claim(key, 60_000)
    expect(['a', 'b', 'c', 'd'].map((key) => store.get(key) !== undefined)).toEqual([false, true, true, true])
  })
})
