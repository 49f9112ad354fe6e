import type { PresenceEntry, PresenceStore } from './presenceStore'

/**
 * The default `PresenceStore`: who is present where, in this process's memory. Every call answers
 * synchronously. Enough for one server process; for several, use a shared store (`@volley/redis`).
 *
 * @example
 * const io = createServer(contract, { presenceStore: new MemoryPresenceStore() })
 */
export class MemoryPresenceStore implements PresenceStore {
  readonly #topics = new Map<string, Map<string, PresenceEntry>>()

  /**
   * Adds or replaces an entry (a replaced entry keeps its place).
   *
   * @example
   * store.set('["room",{"room":"lobby"}]', { key: 'u-1', ref: 'k3j2', meta: { name: 'Ada' } })
   * @param topic - the topic key
   * @param entry - the entry
   */
  set(topic: string, entry: PresenceEntry): void {
    let entries = this.#topics.get(topic)
    if (entries === undefined) this.#topics.set(topic, (entries = new Map()))
    entries.set(entry.ref, entry)
  }

  /**
   * Removes an entry.
   *
   * @example
   * store.delete('["room",{"room":"lobby"}]', 'k3j2')
   * @param topic - the topic key
   * @param ref - the entry's ref
   * @returns the removed entry, or `undefined`
   */
  delete(topic: string, ref: string): PresenceEntry | undefined {
    const entries = this.#topics.get(topic)
    const entry = entries?.get(ref)
    if (entry === undefined) return undefined
    entries!.delete(ref)
    if (entries!.size === 0) this.#topics.delete(topic)
    return entry
  }

  /**
   * Every entry of a topic, in the order they were added.
   *
   * @example
   * const entries = store.list('["room",{"room":"lobby"}]')
   * @param topic - the topic key
   * @returns the entries
   */
  list(topic: string): PresenceEntry[] {
    return [...(this.#topics.get(topic)?.values() ?? [])]
  }
}
