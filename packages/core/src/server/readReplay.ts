import { VolleyError } from '../VolleyError'
import type { StoredItem, StoreGap, SubscriptionStore } from './subscriptionStore'

/** Items per store read while replaying. */
const PAGE = 1_000

/**
 * Reads everything a stream keeps after a cursor (from its oldest item without one), page by page.
 * @internal
 * @param store - the subscription store
 * @param key - the stream's store key
 * @param name - the subscription, for messages
 * @param cursor - the last cursor the client saw, or `undefined` for all
 * @returns the items, where the subscription now stands, and the gap if any
 * @throws VolleyError `VALIDATION_FAILED` for a cursor the store does not take
 */
export async function readReplay(
  store: SubscriptionStore,
  key: string,
  name: string,
  cursor: string | undefined,
): Promise<{ cursor: string; items: StoredItem[]; gap?: StoreGap }> {
  const items: StoredItem[] = []
  let gap: StoreGap | undefined
  let after = cursor
  for (let page = 0; ; page += 1) {
    const read = await store.read(key, after, PAGE)
    if (!read.ok) {
      throw new VolleyError(
        'VALIDATION_FAILED',
        read.reason === 'ahead'
          ? `[volley] The cursor of "${name}" is past the end of its stream: it was not sent by this server.`
          : `[volley] The cursor of "${name}" is not a cursor of this server's subscription store.`,
      )
    }
    gap ??= read.gap
    for (const stored of read.items) items.push({ cursor: stored.cursor, item: stored.item })
    after = read.cursor
    // A store that always says `more` would loop forever: a million items is more than any retention.
    if (!read.more || page >= 1_000) break
  }
  return gap === undefined ? { cursor: after as string, items } : { cursor: after as string, items, gap }
}
