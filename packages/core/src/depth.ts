/** Default for `maxPayloadDepth`: deeper payloads are refused before validation. */
export const DEFAULT_MAX_PAYLOAD_DEPTH = 32

/**
 * Tells whether a value nests arrays and objects deeper than `maxDepth`, without recursion, so that a
 * hostile payload cannot overflow the stack here. Binary values (`ArrayBuffer`, typed arrays, `Buffer`)
 * count as leaves.
 *
 * @param value - untrusted data, as decoded off the wire
 * @param maxDepth - the deepest nesting allowed; `{ a: [1] }` is depth 2
 * @returns `true` when the value is too deep
 */
export function exceedsDepth(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) return false
  const values: unknown[] = [value]
  const depths: number[] = [1]
  while (values.length > 0) {
    const current = values.pop() as object
    const depth = depths.pop() as number
    if (depth > maxDepth) return true
    if (ArrayBuffer.isView(current) || current instanceof ArrayBuffer) continue
    if (Array.isArray(current)) {
      for (const child of current) {
        if (typeof child === 'object' && child !== null) {
          values.push(child)
          depths.push(depth + 1)
        }
      }
    } else {
      for (const key in current) {
        const child = (current as Record<string, unknown>)[key]
        if (typeof child === 'object' && child !== null) {
          values.push(child)
          depths.push(depth + 1)
        }
      }
    }
  }
  return false
}
