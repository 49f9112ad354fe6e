/** A copy of JSON-like data with object keys in sorted order, so equal params give equal keys. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (typeof value !== 'object' || value === null) return value
  const prototype: unknown = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null) return value
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) copy[key] = sorted((value as Record<string, unknown>)[key])
  return copy
}

/**
 * The key of a subscription's stream: its name and params as JSON with sorted object keys, e.g.
 * `["room:messages",{"room":"lobby"}]`. The server keys streams (and their rooms) with it, the client its
 * shared subscriptions. @internal
 * @param name - the subscription
 * @param params - its params (JSON data)
 * @returns the key
 * @throws TypeError for params JSON cannot encode (a `bigint`, a cycle)
 */
export function streamKey(name: string, params: unknown): string {
  return JSON.stringify([name, sorted(params)])
}

/** FNV-1a over a string's UTF-16 code units, from a given offset basis. */
function fnv1a(text: string, basis: number): number {
  let hash = basis
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/**
 * The short id a stream travels under (`$volley:item` and the subscribe answer): two 32-bit FNV-1a hashes
 * of its key, in base 36, about 13 characters instead of the whole key. The server still keys rooms and
 * history by the full key, so two streams that share an id (astronomically unlikely) could at most be
 * confused by a client that subscribes to both, never leak across authorization. @internal
 * @param key - the stream key from `streamKey`
 * @returns the id
 */
export function streamId(key: string): string {
  return fnv1a(key, 0x811c9dc5).toString(36) + fnv1a(key, 0x01000193).toString(36)
}
