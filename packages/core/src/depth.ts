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

/** What `measurePayload` found: `undefined` within limits, `'deep'` or `'large'` past one. @internal */
export type PayloadCheck = 'deep' | 'large' | undefined

function leafSize(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2
    case 'number':
    case 'bigint':
      return 8
    case 'boolean':
      return 5
    default:
      return 4
  }
}

/**
 * The depth walk of `exceedsDepth`, also estimating the payload's size as JSON as it goes, and stopping as
 * soon as either limit is passed: a 500,000-element array is refused after its first few hundred
 * elements. Nothing is serialized. The estimate counts string and key lengths (UTF-16 code units) plus
 * quotes, colons, commas and brackets, 8 per number, 5 per boolean, 4 per null, and the `byteLength` of
 * binary values; it is close to the JSON length for ASCII text without escapes. @internal
 *
 * @param value - untrusted data, as decoded off the wire
 * @param maxDepth - the deepest nesting allowed
 * @param maxBytes - the largest estimated size allowed
 * @returns `undefined` within limits, `'deep'` or `'large'`
 */
export function measurePayload(value: unknown, maxDepth: number, maxBytes: number): PayloadCheck {
  if (typeof value !== 'object' || value === null) {
    return leafSize(value) > maxBytes ? 'large' : undefined
  }
  let size = 0
  const values: unknown[] = [value]
  const depths: number[] = [1]
  while (values.length > 0) {
    const current = values.pop() as object
    const depth = depths.pop() as number
    if (depth > maxDepth) return 'deep'
    if (ArrayBuffer.isView(current) || current instanceof ArrayBuffer) {
      size += current.byteLength
      if (size > maxBytes) return 'large'
      continue
    }
    size += 2
    if (Array.isArray(current)) {
      for (const child of current) {
        if (typeof child === 'object' && child !== null) {
          size += 1
          values.push(child)
          depths.push(depth + 1)
        } else size += leafSize(child) + 1
        if (size > maxBytes) return 'large'
      }
    } else {
      for (const key in current) {
        const child = (current as Record<string, unknown>)[key]
        size += key.length + 4
        if (typeof child === 'object' && child !== null) {
          values.push(child)
          depths.push(depth + 1)
        } else size += leafSize(child)
        if (size > maxBytes) return 'large'
      }
    }
  }
  return undefined
}
