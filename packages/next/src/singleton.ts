const SINGLETONS_KEY = Symbol.for('@volley/next.singletons')

type WithSingletons = typeof globalThis & { [SINGLETONS_KEY]?: Map<string, unknown> }

/**
 * One instance per process for a key, created on first use, shared by the custom server and the route
 * code Next bundles separately (each with its own copy of your modules), and kept across hot reloads.
 * For the app state both sides use: a store, a database pool, a job queue.
 *
 * @example
 * // lib/store.ts — imported by server.ts and by app/api/track/route.ts
 * export const store = () => singleton('launch-control:store', () => new MetricsStore())
 * @param key - a name unique in the process (prefix it with your app's name)
 * @param create - builds the instance the first time
 * @returns the instance for `key`
 */
export function singleton<T>(key: string, create: () => T): T {
  const global = globalThis as WithSingletons
  const instances = (global[SINGLETONS_KEY] ??= new Map<string, unknown>())
  if (!instances.has(key)) instances.set(key, create())
  return instances.get(key) as T
}
