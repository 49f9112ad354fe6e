import { decode, encode } from '@msgpack/msgpack'

/** Whether a value holds binary data anywhere (JSON cannot carry it). */
function hasBinary(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || depth > 64) return false
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true
  if (Array.isArray(value)) return value.some((entry) => hasBinary(entry, depth + 1))
  return Object.values(value).some((entry) => hasBinary(entry, depth + 1))
}

/**
 * Encodes a published item for a Redis stream field: `['j', json]` for JSON data, `['b', base64]`
 * (MessagePack) when it holds binary data, as the streams adapter does, `['u', '']` for `undefined`.
 * @internal
 * @param item - the item
 * @returns the field name and value
 */
export function encodeItem(item: unknown): [field: 'j' | 'b' | 'u', value: string] {
  if (item === undefined) return ['u', '']
  if (hasBinary(item)) return ['b', Buffer.from(encode(item)).toString('base64')]
  return ['j', JSON.stringify(item)]
}

/**
 * Decodes what `encodeItem` wrote. @internal
 * @param field - the field name
 * @param value - its value
 * @returns the item
 */
export function decodeItem(field: string, value: string): unknown {
  if (field === 'j') return JSON.parse(value) as unknown
  if (field === 'b') {
    // A plain Uint8Array view, so binary comes back as Uint8Array (not Buffer), as it was published.
    const bytes = Buffer.from(value, 'base64')
    return decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  }
  return undefined
}
