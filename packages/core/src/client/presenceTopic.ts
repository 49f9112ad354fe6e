import { invalidData } from '../incoming'
import { groupMembers, type PresenceRecord } from '../presenceMembers'
import type { PresenceDefinition, PresenceMember } from '../types'
import type { ValidateResult } from '../validate'
import { VolleyError } from '../VolleyError'
import { OrderedDelivery, type DeliveryConfig } from './orderedDelivery'
import { Subscribable } from './subscribable'
import type { PresenceSnapshot } from './types'

/** One connection as the server sends it: `{ key, ref, meta }` (no meta in leaves). @internal */
export interface WireMember {
  readonly key: string
  readonly ref: string
  readonly meta?: unknown
}

/** A diff as the server sends it, without its topic. @internal */
export interface WireDiff {
  readonly joins?: readonly WireMember[]
  readonly updates?: readonly WireMember[]
  readonly leaves?: readonly WireMember[]
}

/** What a topic needs from its client. @internal */
export type TopicConfig = DeliveryConfig

/** The handlers and meta of one `client.presence` call. @internal */
export interface TopicHolder {
  /** The meta this call tracks with, and when it was set (the newest one wins). */
  meta: { readonly value: unknown; readonly seq: number } | undefined
  readonly onError?: ((error: VolleyError) => void) | undefined
}

const EMPTY: readonly PresenceMember[] = Object.freeze([])

const PENDING: PresenceSnapshot = Object.freeze({
  status: 'pending',
  error: undefined,
  members: EMPTY,
  others: EMPTY,
  me: undefined,
})

const isMember = (value: unknown): value is WireMember =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as WireMember).key === 'string' &&
  typeof (value as WireMember).ref === 'string'

/** The members of a list that has the right shape, else `undefined`. @internal */
export function wireMembers(value: unknown): readonly WireMember[] | undefined {
  if (value === undefined) return []
  return Array.isArray(value) && value.every(isMember) ? value : undefined
}

/**
 * One presence topic (a name and its params) as the client holds it, shared by every `client.presence`
 * call with them: the members (a full state on each join, then diffs, applied in order, metas validated
 * also with asynchronous schemas), the meta this connection tracks with, and the state of the join. The
 * protocol work is `ClientPresence`'s. @internal
 */
export class PresenceTopic extends Subscribable<PresenceSnapshot> {
  readonly holders = new Set<TopicHolder>()
  /** The topic's short id, from the first answer. */
  id: string | undefined
  /** This client's user key, from the server. */
  userKey: string | undefined
  /** Whether the server has the join of this connection. */
  joined = false
  /** A request about this topic is on its way (one at a time). */
  busy = false
  /** Incremented on each connection: answers from an earlier one are stale. */
  generation = 0
  /** The meta the server has for this connection (`undefined`: not tracked), as far as the client knows. */
  sent: { readonly value: unknown; readonly seq: number } | undefined
  releaseTimer: ReturnType<typeof setTimeout> | undefined
  /** The params failed their schema on the client: never sent. */
  refusedLocally = false
  /** The generation (connection) in which the server refused the join: not asked again before the next. */
  refusedIn: number | undefined
  /** `update` and `untrack` calls waiting for the server to have the wanted meta. */
  readonly waiters = new Set<{ resolve: () => void; reject: (error: unknown) => void }>()
  readonly #records = new Map<string, PresenceRecord>()
  #byKey = new Map<string, PresenceMember>()
  #seq = 0
  readonly #delivery: OrderedDelivery

  constructor(
    readonly key: string,
    readonly name: string,
    readonly params: unknown,
    readonly definition: PresenceDefinition,
    private readonly config: TopicConfig,
  ) {
    super(PENDING)
    this.#delivery = new OrderedDelivery(config, `presence "${name}"`)
  }

  get status(): PresenceSnapshot['status'] {
    return this.getSnapshot().status
  }

  /** The meta this connection should track with: the newest of its holders', `undefined` for none. */
  get wanted(): { readonly value: unknown; readonly seq: number } | undefined {
    let newest: TopicHolder['meta']
    for (const holder of this.holders)
      if (holder.meta && (!newest || holder.meta.seq > newest.seq)) newest = holder.meta
    return newest
  }

  /** Changes the state (a patch that changes nothing keeps the snapshot). */
  update(patch: Partial<Pick<PresenceSnapshot, 'status' | 'error'>>): void {
    const current = this.getSnapshot()
    if (
      Object.entries(patch).every(([key, value]) => Object.is(current[key as keyof PresenceSnapshot], value))
    ) {
      return
    }
    this.setSnapshot(Object.freeze({ ...current, ...patch }))
  }

  /** The server refused the join (the topic is in error) or a meta (it stays live): tell the holders. */
  fail(error: VolleyError, joined = true): void {
    if (joined) this.update({ status: 'error', error })
    for (const holder of [...this.holders]) {
      try {
        holder.onError?.(error)
      } catch (thrown) {
        this.config.report(
          new VolleyError('HANDLER_ERROR', `An onError handler of presence "${this.name}" threw.`, {
            cause: thrown,
          }),
        )
      }
    }
  }

  /** Validates the metas of members, then hands the valid ones (in order) to `apply`. */
  #validated(
    members: readonly WireMember[],
    apply: (valid: PresenceRecord[]) => void,
    patch: Partial<Pick<PresenceSnapshot, 'status' | 'error'>> = {},
  ): void {
    this.#delivery.run(() => {
      const results = members.map((member) => this.#delivery.check(this.definition.meta, member.meta, 'meta'))
      const deliver = (checked: ValidateResult<unknown>[]): void => {
        const valid: PresenceRecord[] = []
        checked.forEach((result, index) => {
          const { key, ref } = members[index]!
          if (result.ok) valid.push({ key, ref, meta: result.value, seq: ++this.#seq })
          else this.config.report(invalidData(this.name, 'meta', result))
        })
        apply(valid)
        this.#publish(patch)
      }
      if (results.some((result) => result instanceof Promise)) return Promise.all(results).then(deliver)
      deliver(results as ValidateResult<unknown>[])
    })
  }

  /** Replaces the members with a full state (the answer to a join); the topic is live again. */
  receiveState(state: readonly WireMember[]): void {
    this.#validated(
      state,
      (valid) => {
        this.#records.clear()
        for (const record of valid) this.#records.set(record.ref, record)
      },
      { status: 'live', error: undefined },
    )
  }

  /** Applies a diff: joins and updates set a connection (keeping its place), leaves remove it. */
  receiveDiff(diff: WireDiff): void {
    const leaves = diff.leaves ?? []
    this.#validated([...(diff.joins ?? []), ...(diff.updates ?? [])], (valid) => {
      for (const record of valid) this.#records.set(record.ref, record)
      for (const { ref } of leaves) this.#records.delete(ref)
    })
  }

  #publish(patch: Partial<Pick<PresenceSnapshot, 'status' | 'error'>>): void {
    const { members, byKey } = groupMembers(this.#records.values(), this.#byKey)
    this.#byKey = byKey
    const others = members.filter((member) => member.key !== this.userKey)
    this.setSnapshot(
      Object.freeze({
        ...this.getSnapshot(),
        ...patch,
        members: Object.freeze(members),
        others: others.length === members.length ? Object.freeze(members) : Object.freeze(others),
        me: this.userKey === undefined ? undefined : byKey.get(this.userKey),
      }),
    )
  }
}
