import { TICK_MS, type Vec } from '../../shared/rules'
import type { Snapshot, SnapshotPlayer } from '../../shared/snapshotCodec'

/** Snapshots kept (one second at 30 Hz). */
const CAPACITY = 30

/**
 * Shows other players smoothly between snapshots: it renders the world `delayTicks` ticks in the past,
 * where it has a snapshot on both sides of the moment shown, and blends positions linearly.
 *
 * The server's tick clock is estimated from arrivals: each snapshot says "tick N was sent", and the
 * estimate follows the earliest arrivals closely and late ones slowly, so network jitter up to the delay
 * does not make players stutter. Times are in milliseconds from any monotonic clock (`performance.now()`).
 */
export class Interpolator {
  readonly #buffer: Snapshot[] = []
  /** Estimated `serverTick - localTime / TICK_MS`. */
  #offset: number | undefined

  constructor(readonly delayTicks = 2) {}

  /** The newest snapshot received. */
  get latest(): Snapshot | undefined {
    return this.#buffer[this.#buffer.length - 1]
  }

  /**
   * Adds a snapshot as it arrives.
   * @returns `false` when it is older than one already received (it is ignored)
   */
  push(snapshot: Snapshot, now: number): boolean {
    const latest = this.latest
    if (latest !== undefined && snapshot.tick <= latest.tick) return false
    this.#buffer.push(snapshot)
    if (this.#buffer.length > CAPACITY) this.#buffer.shift()
    const sample = snapshot.tick - now / TICK_MS
    if (this.#offset === undefined || Math.abs(sample - this.#offset) > 10) this.#offset = sample
    else this.#offset += (sample - this.#offset) * (sample > this.#offset ? 0.5 : 0.02)
    return true
  }

  /** Forgets everything (after a rejoin, ticks may restart elsewhere). */
  clear(): void {
    this.#buffer.length = 0
    this.#offset = undefined
  }

  /** The server tick shown at `now`, fractional. */
  renderTick(now: number): number | undefined {
    return this.#offset === undefined ? undefined : now / TICK_MS + this.#offset - this.delayTicks
  }

  /**
   * Where each player in the snapshots is shown at `now`, by slot. Between two snapshots positions are
   * blended; past the newest one they hold (no guessing ahead); a player present on one side only is
   * shown where that side has it.
   */
  positions(now: number): Map<number, Vec> {
    const shown = new Map<number, Vec>()
    const at = this.renderTick(now)
    if (at === undefined || this.#buffer.length === 0) return shown
    let after = this.#buffer.findIndex((snapshot) => snapshot.tick >= at)
    if (after === -1) after = this.#buffer.length - 1
    const next = this.#buffer[after]!
    const previous = this.#buffer[Math.max(0, after - 1)]!
    const span = next.tick - previous.tick
    const t = span <= 0 ? 1 : Math.min(1, Math.max(0, (at - previous.tick) / span))
    const from = new Map<number, SnapshotPlayer>()
    for (const player of previous.players) from.set(player.slot, player)
    for (const player of next.players) {
      const start = from.get(player.slot) ?? player
      shown.set(player.slot, { x: start.x + (player.x - start.x) * t, y: start.y + (player.y - start.y) * t })
      from.delete(player.slot)
    }
    for (const [slot, player] of from) if (t < 1) shown.set(slot, { x: player.x, y: player.y })
    // Drop what is too old to be shown again.
    while (this.#buffer.length > 2 && this.#buffer[1]!.tick < at - 1) this.#buffer.shift()
    return shown
  }
}
