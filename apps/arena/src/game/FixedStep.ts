/**
 * Turns frames of any rate (60, 120, 144 Hz, or a throttled tab) into steps of a fixed rate: each call
 * says how many steps are due since the last one. After a stall it runs at most `maxSteps` at once and
 * forgets the rest, so a frozen tab does not send a burst of inputs when it wakes up.
 */
export class FixedStep {
  #last: number | undefined
  #carry = 0

  constructor(
    readonly rate: number,
    readonly maxSteps = 4,
  ) {}

  /** How many steps are due at `now` (ms, monotonic). */
  advance(now: number): number {
    if (this.#last === undefined) {
      this.#last = now
      return 0
    }
    this.#carry += ((now - this.#last) * this.rate) / 1000
    this.#last = now
    const steps = Math.floor(this.#carry)
    this.#carry -= steps
    return Math.min(steps, this.maxSteps)
  }
}
