import type { PresenceConnection, PresenceMember } from './types'

/** One connection of a topic, with when it last changed (a growing number). @internal */
export interface PresenceRecord {
  readonly key: string
  readonly ref: string
  readonly meta: unknown
  /** Grows with every join or update seen; the member's `meta` is its connection with the highest. */
  readonly seq: number
}

/**
 * Groups a topic's connections by user key, in the order users arrived, each user's connections in the
 * order they arrived. A member whose connections did not change keeps its object from `previous`, so a
 * list rendered per member re-renders only the members that changed. @internal
 * @param records - the connections, in arrival order
 * @param previous - the members built last time, by key
 * @returns the members, and the same members by key (pass it back next time)
 */
export function groupMembers(
  records: Iterable<PresenceRecord>,
  previous: ReadonlyMap<string, PresenceMember> = new Map(),
): { members: PresenceMember[]; byKey: Map<string, PresenceMember> } {
  const grouped = new Map<string, PresenceRecord[]>()
  for (const record of records) {
    const list = grouped.get(record.key)
    if (list === undefined) grouped.set(record.key, [record])
    else list.push(record)
  }
  const byKey = new Map<string, PresenceMember>()
  for (const [key, list] of grouped) {
    let latest = list[0]!
    for (const record of list) if (record.seq > latest.seq) latest = record
    const before = previous.get(key)
    const same =
      before !== undefined &&
      before.meta === latest.meta &&
      before.connections.length === list.length &&
      before.connections.every((connection, index) => {
        const record = list[index]!
        return connection.ref === record.ref && connection.meta === record.meta
      })
    byKey.set(
      key,
      same
        ? before
        : Object.freeze({
            key,
            connections: Object.freeze(
              list.map(({ ref, meta }): PresenceConnection => Object.freeze({ ref, meta })),
            ),
            meta: latest.meta,
          }),
    )
  }
  return { members: [...byKey.values()], byKey }
}
