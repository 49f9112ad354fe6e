import { describe, expect, it } from 'vitest'
import { INPUT_RATE, KEY, PLAYER_SPEED, TICK_MS } from '../shared/rules'
import { arenaLimits } from '../server/limits'
import { MAX_INPUT_BURST, INPUTS_PER_TICK } from '../server/Room'
import type { ArenaClient } from '../src/connection'
import { join, player, recordSnapshots, startArena, until } from './helpers'

const FLOOD = 10_000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Sends `count` inputs within about a second, in batches of 100 every 10 ms. */
async function flood(client: ArenaClient, count: number): Promise<void> {
  for (let sent = 0; sent < count;) {
    for (let i = 0; i < 100 && sent < count; i++) {
      sent++
      client.emit('input', { room: 'main', seq: sent, keys: KEY.right })
    }
    await sleep(10)
  }
}

/** Snapshot intervals of one client within a window: how many arrived and the largest gap. */
function intervals(times: readonly number[], from: number, to: number): { count: number; maxGap: number } {
  const inside = times.filter((t) => t >= from && t <= to)
  let maxGap = 0
  for (let i = 1; i < inside.length; i++) maxGap = Math.max(maxGap, inside[i]! - inside[i - 1]!)
  return { count: inside.length, maxGap: Math.round(maxGap) }
}

/**
 * Runs a window of normal play, then the same window during a flood from one player, and measures the
 * server's tick rate and what the other players receive in each. Behaviour, not speed: the bounds are
 * wide enough for a loaded 2-core machine (ticks at least 90% of the wall-clock rate; others' snapshots
 * at least 80% of the ticks, never a gap over 300 ms).
 */
async function measureFlood(escalation: boolean) {
  const { url, arena } = await startArena(escalation ? {} : { limits: { ...arenaLimits, escalation: false } })
  const flooder = await player(url)
  const others = [await player(url), await player(url)]
  await join(flooder, 'main', 'Flooder')
  for (const [i, other] of others.entries()) await join(other, 'main', `Player ${i + 1}`)
  const records = others.map((other) => recordSnapshots(other))
  const x0 = arena.game.seat(flooder.token)!.player.x

  const window = async () => {
    const from = performance.now()
    const ticks = arena.loop.count
    return async () => {
      const to = performance.now()
      const expected = (to - from) / TICK_MS
      return {
        tickRatio: (arena.loop.count - ticks) / expected,
        expected: Math.floor(expected),
        others: records.map(({ times }) => intervals(times, from + TICK_MS, to)),
      }
    }
  }
  const calm = await window()
  await sleep(1_000)
  const baseline = await calm()

  const flooded = await window()
  const started = performance.now()
  await flood(flooder, FLOOD)
  const floodMs = performance.now() - started
  await sleep(300)
  const during = await flooded()
  return { arena, flooder, others, baseline, during, floodMs, x0 }
}

function expectUnaffected(run: Awaited<ReturnType<typeof measureFlood>>): void {
  const { baseline, during } = run
  console.log(
    `[flood] ${Math.round(run.floodMs)} ms of flood; ticks/expected ${baseline.tickRatio.toFixed(2)} before, ${during.tickRatio.toFixed(2)} during; ` +
      `others' snapshots ${JSON.stringify(baseline.others)} before, ${JSON.stringify(during.others)} during (of ${during.expected} ticks)`,
  )
  for (const { tickRatio, expected, others } of [baseline, during]) {
    expect(tickRatio).toBeGreaterThanOrEqual(0.9)
    for (const { count, maxGap } of others) {
      expect(count).toBeGreaterThanOrEqual(Math.floor(expected * 0.8))
      expect(maxGap).toBeLessThan(300)
    }
  }
  for (const other of run.others) expect(other.getSnapshot().status).toBe('connected')
}

describe('a flood of inputs from one player', () => {
  it(`(${FLOOD.toLocaleString('en')} in about a second) is dropped at the per-event limit; ticks and others' snapshots go on`, async () => {
    const run = await measureFlood(false)
    const { arena, flooder } = run
    // Every input reached the server: a rate's worth passed, the rest were dropped without an answer.
    await until(
      () => arena.game.inputsReceived + (arena.stats.refused.RATE_LIMITED ?? 0) >= FLOOD,
      'the server to have seen the whole flood',
    )
    const { points, duration } = arenaLimits.events.input.rate
    const passed = arena.game.inputsReceived
    expect(passed).toBeGreaterThanOrEqual(points)
    expect(passed).toBeLessThanOrEqual(points + Math.ceil(((run.floodMs + 500) * points) / duration))
    expect(arena.stats.refused.RATE_LIMITED).toBe(FLOOD - passed)
    expect(flooder.getSnapshot().status).toBe('connected')
    // And the simulation moved the flooder no faster than 60 steps a second (plus the saved-up burst).
    const { player } = arena.game.seat(flooder.token)!
    const maxSteps = MAX_INPUT_BURST + INPUTS_PER_TICK * arena.game.rooms.get('main')!.tick
    expect(player.x - run.x0).toBeLessThanOrEqual(maxSteps * (PLAYER_SPEED / INPUT_RATE))
    expectUnaffected(run)
  })

  it('disconnects the flooder once it is refused 100 times (escalation); the others play on', async () => {
    const run = await measureFlood(true)
    await until(() => run.flooder.getSnapshot().status === 'disconnected', 'the flooder to be disconnected')
    expect(run.flooder.getSnapshot().lastError?.code).toBe('RATE_LIMITED')
    expectUnaffected(run)
  })
})
