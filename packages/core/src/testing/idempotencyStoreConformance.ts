import type { IdempotencyStore } from '../server/idempotencyStore'
import type { AckEnvelope } from '../types'
import { expectEqual, sleep, type ConformanceCheck } from './check'

const answer: AckEnvelope = { ok: true, data: { id: 'm-1', at: 1 } }

/**
 * The checks every `IdempotencyStore` must pass, independent of any test runner. `createStore` must return
 * a store with no keys (for a shared store, e.g. a fresh key prefix).
 *
 * @example
 * import { idempotencyStoreConformance } from '@volley/core/testing'
 * for (const check of idempotencyStoreConformance(() => new RedisIdempotencyStore(redis, { prefix: randomUUID() })))
 *   it(check.name, check.run)
 * @param createStore - makes a store with no keys
 * @returns the checks, each with a `name` and an async `run` that throws on failure
 */
export function idempotencyStoreConformance(
  createStore: () => IdempotencyStore | Promise<IdempotencyStore>,
): ConformanceCheck[] {
  return [
    {
      name: "the first claim wins; later claims see 'running', then the stored answer",
      run: async () => {
        const store = await createStore()
        expectEqual(await store.claim('k', 10_000), undefined, 'first claim')
        expectEqual(await store.claim('k', 10_000), { state: 'running' }, 'second claim')
        await store.complete('k', answer, 10_000)
        expectEqual(
          await store.claim('k', 10_000),
          { state: 'done', envelope: answer },
          'claim after complete',
        )
        expectEqual(await store.get('k'), { state: 'done', envelope: answer }, 'get after complete')
      },
    },
    {
      name: 'concurrent claims: exactly one wins',
      run: async () => {
        const store = await createStore()
        const claims = await Promise.all(Array.from({ length: 10 }, () => store.claim('k', 10_000)))
        expectEqual(claims.filter((claim) => claim === undefined).length, 1, 'winning claims')
      },
    },
    {
      name: 'release forgets a key; keys are independent',
      run: async () => {
        const store = await createStore()
        await store.claim('a', 10_000)
        await store.claim('b', 10_000)
        await store.release('a')
        expectEqual(await store.get('a'), undefined, 'released key')
        expectEqual(await store.claim('a', 10_000), undefined, 'claim after release')
        expectEqual(await store.get('b'), { state: 'running' }, 'other key')
      },
    },
    {
      name: 'keys and answers expire after their TTL',
      run: async () => {
        const store = await createStore()
        await store.claim('running', 60)
        await store.claim('done', 10_000)
        await store.complete('done', answer, 60)
        await sleep(200)
        expectEqual(await store.get('running'), undefined, 'expired running key')
        expectEqual(await store.get('done'), undefined, 'expired answer')
        expectEqual(await store.claim('done', 10_000), undefined, 'claim after expiry')
      },
    },
  ]
}
