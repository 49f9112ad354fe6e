/**
 * The value below which a fraction `q` of the samples fall (nearest rank on sorted samples).
 *
 * @example
 * percentile([1, 2, 3, 4], 0.5) // 2
 * @param samples - numbers, in any order
 * @param q - between 0 and 1
 * @returns the percentile, or NaN when there are no samples
 */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]!
}

/**
 * The median of some numbers (mean of the two middle ones for an even count).
 *
 * @example
 * median([0.9, 1.1, 1.0]) // 1.0
 * @param values - numbers, in any order
 * @returns the median, or NaN when there are none
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Milliseconds since an arbitrary origin, with sub-millisecond precision. */
export function now(): number {
  return performance.now()
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Rejects when `promise` takes longer than `ms`, so a stuck run cannot hang the bench.
 *
 * @param promise - the work
 * @param ms - the time limit
 * @param what - named in the error
 * @returns the work's result
 */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)
  })
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer))
}
