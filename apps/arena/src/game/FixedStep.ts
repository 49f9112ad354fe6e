/**
 * Turns frames of any rate (60, 120, 144 Hz, or a throttled tab) into steps of a fixed rate: each call
 * says how many steps are due since the last one. After a stall it runs at most `maxSteps` at once and
 * forgets the rest, so a frozen tab does not send a burst of inputs when it wakes up.
 */
export class FixedStep {
  #origin: number | undefined
  #taken = 0

  constructor(
    readonly rate: number,
    readonly maxSteps = 4,
  ) {}

  /** How many steps are due at `now` (ms, monotonic). */
  advance(now: number): number {
    if (this.#origin === undefined) {
      this.#origin = now
      return 0
    }
    // Counted from the origin, so rounding never adds up; the epsilon absorbs float error at exact multiples.
    const due = Math.floor(((now - this.#origin) * this.rate) / 1000 + 1e-9) - this.#taken
    const steps = Math.min(due, this.maxSteps)
    this.#taken += due
    return Math.max(0, steps)
  }
}
