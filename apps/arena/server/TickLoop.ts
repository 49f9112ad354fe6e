import { performance } from 'node:perf_hooks'

/**
 * Calls `onTick` at a fixed rate. Each tick is scheduled against the loop's start, not the previous
 * tick, so timer lateness does not add up; after a stall of more than five ticks the loop skips ahead
 * instead of running the missed ticks back to back.
 */
export class TickLoop {
  #timer: ReturnType<typeof setTimeout> | undefined
  #next = 0
  /** Ticks run so far. */
  count = 0
  /** Ticks skipped after stalls. */
  skipped = 0

  constructor(
    readonly periodMs: number,
    private readonly onTick: (now: number) => void,
  ) {}

  get running(): boolean {
    return this.#timer !== undefined
  }

  start(): void {
    if (this.#timer !== undefined) return
    this.#next = performance.now() + this.periodMs
    this.#schedule()
  }

  stop(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #schedule(): void {
    this.#timer = setTimeout(this.#run, Math.max(0, this.#next - performance.now()))
  }

  #run = (): void => {
    let now = performance.now()
    if (now - this.#next > 5 * this.periodMs) {
      const behind = Math.floor((now - this.#next) / this.periodMs)
      this.skipped += behind
      this.#next += behind * this.periodMs
    }
    while (now >= this.#next) {
      this.count++
      this.onTick(now)
      this.#next += this.periodMs
      now = performance.now()
    }
    if (this.#timer !== undefined) this.#schedule()
  }
}
