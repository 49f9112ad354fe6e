import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RawSocket } from '../src/wire/rawSocket'
import { onCleanup, REFUSAL_CODES, startTarget, watchUncaught } from './harness'

/** Any JSON value, plus near-misses of the contract's shapes so that some reach the handler. */
const payloads = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.record({ room: fc.oneof(fc.string(), fc.jsonValue()), text: fc.oneof(fc.string(), fc.jsonValue()) }),
  fc.record({ room: fc.string({ maxLength: 70 }), text: fc.string({ maxLength: 10 }) }, { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'room', 'text'), fc.jsonValue()),
  fc.array(fc.oneof(fc.string(), fc.jsonValue()), { maxLength: 120 }),
)
const events = fc.oneof(
  fc.constantFrom('message:send', 'tags', 'typing', 'upload', 'ping'),
  fc.string({ maxLength: 20 }),
)

describe('incoming path, property-based', () => {
  it('any JSON shape either reaches the handler valid or is answered with a typed error, and nothing throws', async () => {
    const uncaught = watchUncaught()
    const { url, stats } = await startTarget({ limits: { escalation: false } })
    const socket = await RawSocket.connect(url, { record: false })
    onCleanup(() => socket.close())
    await socket.join('/')
    const seen = { accepted: 0, refused: 0 }
    await fc.assert(
      fc.asyncProperty(events, fc.array(payloads, { maxLength: 2 }), async (event, args) => {
        const calls = stats.calls
        const answer = (await socket.request(event, ...args)) as
          { ok: true; data?: unknown } | { ok: false; error: { code: string; message: string } }
        seen[answer.ok ? 'accepted' : 'refused'] += 1
        if (answer.ok) {
          // Every handler but ping's re-checks its payload against the schema (stats.invalid).
          expect(stats.calls).toBe(event === 'ping' ? calls : calls + 1)
        } else {
          expect(REFUSAL_CODES).toContain(answer.error.code)
          expect(typeof answer.error.message).toBe('string')
          expect(stats.calls).toBe(calls)
        }
        expect(stats.invalid).toBe(0)
      }),
      { numRuns: 400, seed: 20_261_126 },
    )
    // Both branches of the property were exercised.
    expect(seen.accepted).toBeGreaterThan(5)
    expect(seen.refused).toBeGreaterThan(100)
    expect(uncaught.count).toBe(0)
  })
})
