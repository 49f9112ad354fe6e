/**
 * The value below which a fraction `q` of the samples fall (nearest rank).
 * @param samples - numbers, in any order
 * @param q - between 0 and 1
 * @returns the percentile, or NaN without samples
 */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

/** The median (nearest rank) of some numbers. */
export function median(values: readonly number[]): number {
  return percentile(values, 0.5)
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
