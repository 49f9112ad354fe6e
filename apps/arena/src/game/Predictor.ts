import { MAX_SEQ } from '../../shared/contract'
import { step, type Vec } from '../../shared/rules'

/** An input the server has not acknowledged yet. */
export interface PendingInput {
  readonly seq: number
  readonly keys: number
}

/** Unacknowledged inputs kept at most (two seconds at 60 Hz); older ones are forgotten. */
export const MAX_PENDING = 120

/**
 * Client-side prediction of the local player: each input is applied at once with the server's own
 * `step`, numbered and kept until a snapshot acknowledges it. `reconcile` takes the server's position for
 * the last acknowledged input and replays the inputs still in flight on top of it, so the player sees
 * their own moves without waiting for a round trip, and any disagreement with the server is corrected.
 */
export class Predictor {
  #seq: number
  #pending: PendingInput[] = []
  /** The predicted position; `undefined` until the first snapshot after a (re)join. */
  position: Vec | undefined
  /** How far the last reconcile moved the prediction, in world units (`0`: the prediction was right). */
  lastCorrection = 0

  constructor(ack = 0) {
    this.#seq = ack
  }

  /** The sequence number of the last input made. */
  get seq(): number {
    return this.#seq
  }

  /** Inputs sent but not acknowledged, oldest first. */
  get pending(): readonly PendingInput[] {
    return this.#pending
  }

  /**
   * Makes an input: applies it to the prediction and returns it, numbered, to send.
   * @returns `undefined` before the first snapshot (nothing to predict from)
   */
  input(keys: number): PendingInput | undefined {
    if (this.position === undefined || this.#seq >= MAX_SEQ) return undefined
    const input = { seq: ++this.#seq, keys }
    this.#pending.push(input)
    if (this.#pending.length > MAX_PENDING) this.#pending.shift()
    this.position = step(this.position, keys)
    return input
  }

  /**
   * Reconciles with a snapshot: drops the inputs up to `ack`, starts from the server's position and
   * replays the remaining inputs.
   * @param server - the player's position in the snapshot
   * @param ack - the snapshot's acknowledged input sequence number for this player
   */
  reconcile(server: Vec, ack: number): void {
    let drop = 0
    while (drop < this.#pending.length && this.#pending[drop]!.seq <= ack) drop++
    if (drop > 0) this.#pending.splice(0, drop)
    let position: Vec = { x: server.x, y: server.y }
    for (const input of this.#pending) position = step(position, input.keys)
    this.lastCorrection =
      this.position === undefined ? 0 : Math.hypot(position.x - this.position.x, position.y - this.position.y)
    this.position = position
  }

  /**
   * Starts over after a (re)join: inputs in flight are lost, the position comes with the next snapshot.
   * Numbering continues after both our last input and the server's `ack`, so it keeps increasing.
   */
  reset(ack: number): void {
    this.#pending = []
    this.#seq = Math.max(this.#seq, ack)
    this.position = undefined
    this.lastCorrection = 0
  }
}
