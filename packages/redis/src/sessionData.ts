/**
 * Finds the first value in `socket.data` that connection state recovery cannot keep through the Redis
 * streams adapter, which stores sessions as MessagePack: a `bigint`, a function or a symbol make it throw,
 * a `Map` or a `Set` come back as an empty object. @internal
 * @param value - the data
 * @param path - where it is, for the message
 * @returns what is wrong and where, or `undefined` when it can be kept
 */
export function sessionDataProblem(value: unknown, path = 'socket.data', depth = 0): string | undefined {
  const kind = typeof value
  if (kind === 'bigint' || kind === 'function' || kind === 'symbol') return `${path} is a ${kind}`
  if (kind !== 'object' || value === null || depth > 32) return undefined
  if (value instanceof Map || value instanceof Set) {
    return `${path} is a ${value instanceof Map ? 'Map' : 'Set'} (it would come back as {})`
  }
  if (value instanceof Date || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return undefined
  const entries = Array.isArray(value)
    ? value.map((entry, index) => [`[${index}]`, entry] as const)
    : Object.entries(value as object).map(([key, entry]) => [`.${key}`, entry] as const)
  for (const [key, entry] of entries) {
    const problem = sessionDataProblem(entry, `${path}${key}`, depth + 1)
    if (problem !== undefined) return problem
  }
  return undefined
}
