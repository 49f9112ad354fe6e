import type { RosterEntry, RoomSummary } from '../shared/contract'
import {
  INPUT_RATE,
  ORB_COUNT,
  ORB_RADIUS,
  PLAYER_RADIUS,
  quantize,
  step,
  TICK_RATE,
  touches,
  WORLD,
  type Vec,
} from '../shared/rules'
import type { Snapshot } from '../shared/snapshotCodec'

/** Inputs a player may have waiting (half a second at 60 Hz); more are dropped. */
export const MAX_QUEUED_INPUTS = 30
/** Input steps a player earns per tick (60 Hz inputs, 30 Hz ticks), and how many may be saved up. */
export const INPUTS_PER_TICK = INPUT_RATE / TICK_RATE
export const MAX_INPUT_BURST = 8

/** A player in a room: the simulation's state plus what the network layer needs. */
export interface Player {
  readonly slot: number
  readonly token: string
  name: string
  x: number
  y: number
  score: number
  /** The last round trip the player measured, in ms. */
  ping: number
  /** The sequence number of the last input applied (the snapshot's `ack`). */
  ack: number
  /** The highest sequence number queued: older or repeated numbers are dropped. */
  queuedSeq: number
  /** Keys of accepted inputs, oldest first; `seqs` holds their numbers. */
  readonly keys: number[]
  readonly seqs: number[]
  /** Input steps the player may still take this tick: earns `INPUTS_PER_TICK` a tick, up to `MAX_INPUT_BURST`. */
  allowance: number
  /** The socket playing this seat; `undefined` while reconnecting. */
  socketId: string | undefined
  /** When the connection was lost (ms, the game's clock); `undefined` while connected. */
  lostAt: number | undefined
}

/** A random source in [0, 1): `Math.random`, or a seeded one in tests. */
export type Random = () => number

/**
 * One room's simulation, without sockets: players in slots, orbs, and a fixed step per tick. The server
 * feeds it inputs and broadcasts its snapshot; tests drive it directly.
 */
export class Room {
  readonly players = new Map<number, Player>()
  orbs: Vec[] = []
  tick = 0
  /** Bumped whenever the roster changes, so the server knows to publish it. */
  rosterVersion = 0

  constructor(
    readonly id: string,
    readonly title: string,
    readonly max: number,
    /** Kept when empty (the rooms the server starts with); created rooms close when their last player leaves. */
    readonly persistent: boolean,
    private readonly random: Random = Math.random,
  ) {
    for (let i = 0; i < ORB_COUNT; i++) this.orbs.push(this.#spot(ORB_RADIUS))
  }

  get full(): boolean {
    return this.players.size >= this.max
  }

  summary(): RoomSummary {
    return { id: this.id, title: this.title, players: this.players.size, max: this.max }
  }

  roster(): RosterEntry[] {
    return [...this.players.values()].map((p) => ({
      slot: p.slot,
      name: p.name,
      reconnecting: p.socketId === undefined,
    }))
  }

  /** A random free spot, on whole units, at least `margin` from the walls. */
  #spot(margin: number): Vec {
    const pick = (size: number): number => Math.round(margin + this.random() * (size - 2 * margin))
    return { x: pick(WORLD.width), y: pick(WORLD.height) }
  }

  /** Seats a new player in the lowest free slot; `undefined` when the room is full. */
  add(token: string, name: string, socketId: string): Player | undefined {
    if (this.full) return undefined
    let slot = 0
    while (this.players.has(slot)) slot++
    const { x, y } = this.#spot(PLAYER_RADIUS * 2)
    const player: Player = {
      slot,
      token,
      name,
      x: quantize(x),
      y: quantize(y),
      score: 0,
      ping: 0,
      ack: 0,
      queuedSeq: 0,
      keys: [],
      seqs: [],
      allowance: 0,
      socketId,
      lostAt: undefined,
    }
    this.players.set(slot, player)
    this.rosterVersion++
    return player
  }

  remove(player: Player): void {
    if (this.players.delete(player.slot)) this.rosterVersion++
  }

  /**
   * Queues one input. Dropped (returns `false`) when its number is not newer than the last one queued,
   * or when the player already has `MAX_QUEUED_INPUTS` waiting.
   */
  queue(player: Player, seq: number, keys: number): boolean {
    if (seq <= player.queuedSeq || player.keys.length >= MAX_QUEUED_INPUTS) return false
    player.queuedSeq = seq
    player.keys.push(keys)
    player.seqs.push(seq)
    return true
  }

  /**
   * Advances one tick: each player applies the inputs it may (its allowance: 60 a second on average,
   * short bursts up to `MAX_INPUT_BURST`), then touches orbs in slot order; a touched orb scores and
   * moves elsewhere.
   * @returns how many inputs were applied
   */
  step(): number {
    this.tick++
    let applied = 0
    for (const player of this.players.values()) {
      player.allowance = Math.min(MAX_INPUT_BURST, player.allowance + INPUTS_PER_TICK)
      let position: Vec = player
      while (player.allowance >= 1 && player.keys.length > 0) {
        position = step(position, player.keys.shift()!)
        player.ack = player.seqs.shift()!
        player.allowance--
        applied++
      }
      player.x = position.x
      player.y = position.y
    }
    for (const player of this.players.values()) {
      if (player.socketId === undefined) continue
      for (let i = 0; i < this.orbs.length; i++) {
        if (touches(player, this.orbs[i]!)) {
          player.score++
          this.orbs[i] = this.#spot(ORB_RADIUS)
        }
      }
    }
    return applied
  }

  /** The room's state for the wire. */
  snapshot(): Snapshot {
    const players = []
    for (const p of this.players.values()) {
      players.push({
        slot: p.slot,
        reconnecting: p.socketId === undefined,
        x: p.x,
        y: p.y,
        score: Math.min(p.score, 0xffff),
        ping: Math.min(p.ping, 0xffff),
        ack: p.ack,
      })
    }
    return { tick: this.tick, players, orbs: this.orbs }
  }
}
