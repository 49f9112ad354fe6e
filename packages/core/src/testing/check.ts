/** One named check of a conformance suite: run it with any test runner (`it(check.name, check.run)`). */
export interface ConformanceCheck {
  readonly name: string
  readonly run: () => Promise<void>
}

/** Throws when a condition does not hold. @internal */
export function expectThat(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`[volley conformance] ${message}`)
}

/** Throws when two JSON-like values differ. @internal */
export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  expectThat(a === e, `${what}: expected ${e}, got ${a}`)
}

/** Waits. @internal */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
