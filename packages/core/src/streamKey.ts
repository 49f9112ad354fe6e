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
