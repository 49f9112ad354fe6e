import { describe, expect, it } from 'vitest'
import { INPUT_RATE, KEY, PLAYER_RADIUS, PLAYER_SPEED, step, TICK_MS, WORLD, type Vec } from '../shared/rules'
import type { Snapshot } from '../shared/snapshotCodec'
import { MAX_INPUT_BURST, MAX_QUEUED_INPUTS, Room } from '../server/Room'
import { FixedStep } from '../src/game/FixedStep'
import { Interpolator } from '../src/game/Interpolator'
import { MAX_PENDING, Predictor } from '../src/game/Predictor'
import { seeded } from './helpers'

const STEP = PLAYER_SPEED / INPUT_RATE

describe('step (shared by the server and the prediction)', () => {
  it('moves by one input step, diagonals as fast as straight lines, on the 1/8 grid, inside the walls', () => {
    expect(step({ x: 100, y: 100 }, KEY.right)).toEqual({ x: 100 + STEP, y: 100 })
    expect(step({ x: 100, y: 100 }, KEY.up | KEY.left)).toEqual({ x: 97.125, y: 97.125 })
    expect(step({ x: 100, y: 100 }, KEY.left | KEY.right)).toEqual({ x: 100, y: 100 })
    const still = { x: 5, y: 5 }
    expect(step(still, 0)).toBe(still)
    expect(step({ x: PLAYER_RADIUS + 1, y: WORLD.height - PLAYER_RADIUS }, KEY.left | KEY.down)).toEqual({
      x: PLAYER_RADIUS,
      y: WORLD.height - PLAYER_RADIUS,
    })
  })
})

describe('Predictor (client-side prediction and reconciliation)', () => {
  /** Replays inputs on the server's side: what the server computes for the inputs it received. */
  const serverRun = (from: Vec, keys: number[]) => keys.reduce(step, from)

  it('predicts its own inputs at once and numbers them', () => {
    const predictor = new Predictor()
    expect(predictor.input(KEY.right)).toBeUndefined() // no position before the first snapshot
    predictor.reconcile({ x: 100, y: 100 }, 0)
    expect(predictor.input(KEY.right)).toEqual({ seq: 1, keys: KEY.right })
    expect(predictor.input(KEY.down)).toEqual({ seq: 2, keys: KEY.down })
    expect(predictor.position).toEqual({ x: 100 + STEP, y: 100 + STEP })
    expect(predictor.pending.map((input) => input.seq)).toEqual([1, 2])
  })

  it('reconciles without a correction when the server agrees, dropping acknowledged inputs', () => {
    const predictor = new Predictor()
    const start = { x: 300, y: 300 }
    predictor.reconcile(start, 0)
    const keys = [KEY.right, KEY.right, KEY.down | KEY.right, KEY.up, KEY.left]
    for (const key of keys) predictor.input(key)
    const predicted = predictor.position
    // The server has applied the first three inputs when it sends its snapshot; two are still in flight.
    predictor.reconcile(serverRun(start, keys.slice(0, 3)), 3)
    expect(predictor.pending.map((input) => input.seq)).toEqual([4, 5])
    expect(predictor.position).toEqual(predicted)
    expect(predictor.lastCorrection).toBe(0)
    predictor.reconcile(serverRun(start, keys), 5)
    expect(predictor.pending).toEqual([])
    expect(predictor.position).toEqual(predicted)
  })

  it('corrects to the server and replays what is still in flight when the server disagrees', () => {
    const predictor = new Predictor()
    predictor.reconcile({ x: 300, y: 300 }, 0)
    for (let i = 0; i < 4; i++) predictor.input(KEY.right)
    // The server dropped input 2 (say, its queue was full): it applied 1 and 3 only.
    predictor.reconcile(serverRun({ x: 300, y: 300 }, [KEY.right, KEY.right]), 3)
    expect(predictor.pending.map((input) => input.seq)).toEqual([4])
    expect(predictor.position).toEqual({ x: 300 + 3 * STEP, y: 300 })
    expect(predictor.lastCorrection).toBe(STEP)
  })

  it('ignores stale snapshots that acknowledge nothing new, and keeps at most MAX_PENDING inputs', () => {
    const predictor = new Predictor()
    predictor.reconcile({ x: 800, y: 500 }, 0)
    for (let i = 0; i < MAX_PENDING + 10; i++) predictor.input(i % 2 === 0 ? KEY.left : KEY.right)
    expect(predictor.pending).toHaveLength(MAX_PENDING)
    expect(predictor.pending[0]!.seq).toBe(11)
  })

  it('keeps numbering increasing across a rejoin', () => {
    const predictor = new Predictor(40)
    predictor.reconcile({ x: 100, y: 100 }, 40)
    predictor.input(KEY.up)
    predictor.reset(30) // the server's ack is older than our last input
    expect(predictor.position).toBeUndefined()
    predictor.reconcile({ x: 100, y: 100 }, 30)
    expect(predictor.input(KEY.up)!.seq).toBe(42)
    predictor.reset(100)
    predictor.reconcile({ x: 100, y: 100 }, 100)
    expect(predictor.input(KEY.up)!.seq).toBe(101)
  })
})

describe('Interpolator (other players between snapshots)', () => {
  const snap = (tick: number, x: number): Snapshot => ({
    tick,
    players: [{ slot: 1, reconnecting: false, x, y: 0, score: 0, ping: 0, ack: 0 }],
    orbs: [],
  })

  it('shows players two ticks in the past, blended between the snapshots around that moment', () => {
    const interpolator = new Interpolator(2)
    // Snapshots arrive exactly on time: tick n at n * TICK_MS.
    for (let tick = 10; tick <= 14; tick++) interpolator.push(snap(tick, tick * 10), tick * TICK_MS)
    const now = 14 * TICK_MS
    expect(interpolator.renderTick(now)).toBeCloseTo(12)
    expect(interpolator.positions(now).get(1)!.x).toBeCloseTo(120)
    expect(interpolator.positions(now + TICK_MS / 2).get(1)!.x).toBeCloseTo(125)
  })

  it('rides out jitter: a late snapshot does not move the clock back; positions stay continuous', () => {
    const interpolator = new Interpolator(2)
    for (let tick = 0; tick <= 10; tick++) interpolator.push(snap(tick, tick * 10), tick * TICK_MS)
    const before = interpolator.positions(10 * TICK_MS).get(1)!.x
    // Tick 11 arrives 40 ms late; the view just before it arrives and just after differs by little.
    const late = 11 * TICK_MS + 40
    const justBefore = interpolator.positions(late - 1).get(1)!.x
    interpolator.push(snap(11, 110), late)
    const justAfter = interpolator.positions(late).get(1)!.x
    expect(before).toBeCloseTo(80)
    expect(Math.abs(justAfter - justBefore)).toBeLessThan(2)
  })

  it('holds the newest position when snapshots stop, and ignores duplicates and older ticks', () => {
    const interpolator = new Interpolator(2)
    interpolator.push(snap(1, 10), TICK_MS)
    interpolator.push(snap(2, 20), 2 * TICK_MS)
    expect(interpolator.push(snap(2, 99), 2 * TICK_MS + 1)).toBe(false)
    expect(interpolator.push(snap(1, 99), 2 * TICK_MS + 2)).toBe(false)
    expect(interpolator.positions(10_000).get(1)!.x).toBe(20)
    interpolator.clear()
    expect(interpolator.positions(10_000).size).toBe(0)
  })
})

describe('FixedStep (60 Hz inputs whatever the frame rate)', () => {
  it('gives 60 steps a second at 144 Hz and 30 Hz frames alike, and at most 4 after a stall', () => {
    for (const fps of [144, 30]) {
      const steps = new FixedStep(60)
      let total = 0
      for (let frame = 0; frame <= fps; frame++) total += steps.advance((frame * 1000) / fps)
      expect(total).toBe(60)
    }
    const steps = new FixedStep(60)
    steps.advance(0)
    expect(steps.advance(2_000)).toBe(4)
    expect(steps.advance(2_000 + 1000 / 60)).toBe(1)
  })
})

describe('Room (the server simulation)', () => {
  it('applies at most two inputs a tick on average, bursts up to the saved allowance, and drops stale or excess inputs', () => {
    const room = new Room('main', 'Main', 8, true, seeded(7))
    const player = room.add('a'.repeat(32), 'Ada', 's1')!
    player.x = 400
    player.y = 400
    for (let seq = 1; seq <= MAX_QUEUED_INPUTS + 5; seq++) room.queue(player, seq, KEY.right)
    expect(player.keys).toHaveLength(MAX_QUEUED_INPUTS)
    expect(room.queue(player, 3, KEY.right)).toBe(false) // not newer than what is queued
    room.step()
    expect(player.ack).toBe(2) // each tick earns two steps
    expect(player.x).toBe(400 + 2 * STEP)
    for (let tick = 0; tick < 4; tick++) room.step()
    expect(player.ack).toBe(10)
    // Idle ticks save allowance up to MAX_INPUT_BURST.
    player.keys.length = 0
    player.seqs.length = 0
    for (let tick = 0; tick < 10; tick++) room.step()
    expect(player.allowance).toBe(MAX_INPUT_BURST)
  })

  it('scores an orb a connected player touches and moves the orb; reconnecting players do not score', () => {
    const room = new Room('main', 'Main', 8, true, seeded(3))
    const ada = room.add('a'.repeat(32), 'Ada', 's1')!
    const bob = room.add('b'.repeat(32), 'Bob', undefined as unknown as string)!
    bob.socketId = undefined
    const orb = room.orbs[0]!
    Object.assign(ada, { x: orb.x, y: orb.y })
    Object.assign(bob, { x: room.orbs[1]!.x, y: room.orbs[1]!.y })
    room.step()
    expect(ada.score).toBe(1)
    expect(room.orbs[0]).not.toEqual(orb)
    expect(bob.score).toBe(0)
    expect(room.snapshot().players.map((p) => [p.slot, p.reconnecting, p.score])).toEqual([
      [0, false, 1],
      [1, true, 0],
    ])
  })

  it('refuses a player past its capacity and reuses the lowest free slot', () => {
    const room = new Room('x', 'X', 2, false, seeded(1))
    const a = room.add('a', 'A', 's1')!
    room.add('b', 'B', 's2')
    expect(room.add('c', 'C', 's3')).toBeUndefined()
    room.remove(a)
    expect(room.add('c', 'C', 's3')!.slot).toBe(0)
  })
})
