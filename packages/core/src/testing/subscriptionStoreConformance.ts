import type { StoreReadResult, SubscriptionStore } from '../server/subscriptionStore'
import { expectEqual, expectThat, sleep, type ConformanceCheck } from './check'

/** Options of `subscriptionStoreConformance`. */
export interface SubscriptionStoreConformanceOptions {
  /**
   * Makes a cursor past the end of the history the given cursor belongs to (e.g. its sequence plus 1,000),
   * to check that such a cursor is refused as `'ahead'`. Defaults to `undefined` (that check is skipped).
   */
  readonly aheadOf?: (cursor: string) => string
}

type ReadOk = Extract<StoreReadResult, { ok: true }>

async function read(
  store: SubscriptionStore,
  stream: string,
  after: string | undefined,
  limit = 1_000,
): Promise<ReadOk> {
  const result = await store.read(stream, after, limit)
  expectThat(result.ok, `read(${stream}, ${String(after)}) refused the cursor: ${JSON.stringify(result)}`)
  return result
}

async function appendAll(
  store: SubscriptionStore,
  stream: string,
  items: unknown[],
  count = 1_000,
): Promise<string[]> {
  const cursors: string[] = []
  for (const item of items) cursors.push(await store.append(stream, item, { count }))
  return cursors
}

const numbers = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i)

/**
 * The checks every `SubscriptionStore` must pass, independent of any test runner. `createStore` must
 * return a store with its own, empty history each time (a new epoch: for a shared store, e.g. a fresh key
 * prefix), so that a cursor of one store reads as another life in the next.
 *
 * @example
 * import { subscriptionStoreConformance } from '@volley/core/testing'
 * describe('RedisSubscriptionStore', () => {
 *   for (const check of subscriptionStoreConformance(() => new RedisSubscriptionStore(redis, { prefix: randomUUID() })))
 *     it(check.name, check.run)
 * })
 * @param createStore - makes a store with an empty history of its own
 * @param options - `aheadOf`, to check cursors past the end
 * @returns the checks, each with a `name` and an async `run` that throws on failure
 */
export function subscriptionStoreConformance(
  createStore: () => SubscriptionStore | Promise<SubscriptionStore>,
  options: SubscriptionStoreConformanceOptions = {},
): ConformanceCheck[] {
  const checks: ConformanceCheck[] = [
    {
      name: 'append returns distinct cursors; reading from the start returns every item in order with them',
      run: async () => {
        const store = await createStore()
        const cursors = await appendAll(store, 's', ['a', 'b', 'c'])
        expectEqual(new Set(cursors).size, 3, 'distinct cursors')
        const all = await read(store, 's', undefined)
        expectEqual(
          all.items,
          [
            { cursor: cursors[0], item: 'a' },
            { cursor: cursors[1], item: 'b' },
            { cursor: cursors[2], item: 'c' },
          ],
          'items',
        )
        expectEqual([all.cursor, all.more, all.gap], [cursors[2], false, undefined], 'cursor, more, gap')
      },
    },
    {
      name: 'reading after a cursor returns what follows it; after the last, nothing and the same cursor',
      run: async () => {
        const store = await createStore()
        const cursors = await appendAll(store, 's', [{ n: 1 }, { n: 2 }, { n: 3 }])
        const rest = await read(store, 's', cursors[0])
        expectEqual(
          rest.items.map((i) => i.item),
          [{ n: 2 }, { n: 3 }],
          'items after the first',
        )
        const none = await read(store, 's', cursors[2])
        expectEqual([none.items, none.cursor, none.gap], [[], cursors[2], undefined], 'after the last')
      },
    },
    {
      name: 'head is a cursor to read from, for empty and unknown streams too',
      run: async () => {
        const store = await createStore()
        const empty = await store.head('never-written')
        await appendAll(store, 'never-written', ['x'])
        const afterEmpty = await read(store, 'never-written', empty)
        expectEqual(
          [afterEmpty.items.map((i) => i.item), afterEmpty.gap],
          [['x'], undefined],
          'after the empty head',
        )
        const head = await store.head('never-written')
        await appendAll(store, 'never-written', ['y'])
        expectEqual(
          (await read(store, 'never-written', head)).items.map((i) => i.item),
          ['y'],
          'after the head',
        )
      },
    },
    {
      name: 'reads page with limit and more',
      run: async () => {
        const store = await createStore()
        await appendAll(store, 's', numbers(0, 5))
        const first = await read(store, 's', undefined, 2)
        expectEqual([first.items.map((i) => i.item), first.more], [[0, 1], true], 'first page')
        const second = await read(store, 's', first.cursor, 2)
        const third = await read(store, 's', second.cursor, 2)
        expectEqual(
          [second.items.map((i) => i.item), third.items.map((i) => i.item), third.more],
          [[2, 3], [4], false],
          'pages',
        )
      },
    },
    {
      name: 'streams are independent',
      run: async () => {
        const store = await createStore()
        await appendAll(store, 'a', ['a1'])
        await appendAll(store, 'b', ['b1', 'b2'])
        expectEqual(
          (await read(store, 'a', undefined)).items.map((i) => i.item),
          ['a1'],
          'stream a',
        )
        expectEqual(
          (await read(store, 'b', undefined)).items.map((i) => i.item),
          ['b1', 'b2'],
          'stream b',
        )
      },
    },
    {
      name: "retention by count keeps the newest items; a cursor before them reads an 'expired' gap, then them",
      run: async () => {
        const store = await createStore()
        const cursors = await appendAll(store, 's', numbers(0, 10), 3)
        expectEqual(
          (await read(store, 's', undefined)).items.map((i) => i.item),
          [7, 8, 9],
          'kept items',
        )
        const resumed = await read(store, 's', cursors[1])
        expectEqual(
          [resumed.gap?.reason, resumed.items.map((i) => i.item)],
          ['expired', [7, 8, 9]],
          'gap and items',
        )
        expectThat(
          resumed.gap?.dropped === undefined || resumed.gap.dropped === 5,
          `dropped is 5 when given, got ${resumed.gap?.dropped}`,
        )
        const kept = await read(store, 's', cursors[7])
        expectEqual(
          [kept.gap, kept.items.map((i) => i.item)],
          [undefined, [8, 9]],
          'no gap inside what is kept',
        )
      },
    },
    {
      name: "retention by age drops old items; a cursor before them reads an 'expired' gap",
      run: async () => {
        const store = await createStore()
        const [old] = await appendAll(store, 's', ['old'])
        await store.append('s', 'old too', { count: 1_000, age: 60 })
        await sleep(150)
        await store.append('s', 'new', { count: 1_000, age: 60 })
        const all = await read(store, 's', undefined)
        expectEqual(
          all.items.map((i) => i.item),
          ['new'],
          'kept items',
        )
        const resumed = await read(store, 's', old)
        expectEqual(
          [resumed.gap?.reason, resumed.items.map((i) => i.item)],
          ['expired', ['new']],
          'gap and items',
        )
      },
    },
    {
      name: "a cursor of another store's history reads a 'reset' gap and this history from its start",
      run: async () => {
        const before = await createStore()
        const [cursor] = await appendAll(before, 's', ['previous life'])
        const store = await createStore()
        await appendAll(store, 's', ['new life'])
        const resumed = await read(store, 's', cursor)
        expectEqual(
          [resumed.gap?.reason, resumed.items.map((i) => i.item)],
          ['reset', ['new life']],
          'gap and items',
        )
        const empty = await read(store, 'unwritten', cursor)
        expectEqual([empty.gap?.reason, empty.items], ['reset', []], 'an unwritten stream')
        await appendAll(store, 'unwritten', ['first'])
        expectEqual(
          (await read(store, 'unwritten', empty.cursor)).items.map((i) => i.item),
          ['first'],
          'after the reset cursor',
        )
      },
    },
    {
      name: "strings that are not cursors are refused as 'malformed'",
      run: async () => {
        const store = await createStore()
        await appendAll(store, 's', ['a'])
        for (const cursor of ['not a cursor', '42', ':', 'x'.repeat(256)]) {
          const result = await store.read('s', cursor, 10)
          expectEqual(
            result,
            { ok: false, reason: 'malformed' },
            `read after ${JSON.stringify(cursor.slice(0, 20))}`,
          )
        }
      },
    },
    {
      name: 'ten thousand items page through in order',
      run: async () => {
        const store = await createStore()
        await appendAll(store, 's', numbers(0, 10_000), 10_000)
        const seen: unknown[] = []
        let after: string | undefined
        for (;;) {
          const page = await read(store, 's', after, 1_000)
          seen.push(...page.items.map((i) => i.item))
          after = page.cursor
          if (!page.more) break
        }
        expectEqual(seen.length, 10_000, 'items read')
        expectThat(
          seen.every((item, index) => item === index),
          'items in order',
        )
      },
    },
  ]
  const aheadOf = options.aheadOf
  if (aheadOf !== undefined) {
    checks.push({
      name: "a cursor past the end of its history is refused as 'ahead'",
      run: async () => {
        const store = await createStore()
        const [cursor] = await appendAll(store, 's', ['a'])
        expectEqual(await store.read('s', aheadOf(cursor!), 10), { ok: false, reason: 'ahead' }, 'read')
      },
    })
  }
  return checks
}
