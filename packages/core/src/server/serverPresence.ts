import type { Namespace as RawNamespace } from 'socket.io'
import { exceedsDepth } from '../depth'
import { errorEnvelope, okEnvelope, toPublicError } from '../envelope'
import { invalidData, type AckCallback } from '../incoming'
import { groupMembers } from '../presenceMembers'
import { PROTOCOL_EVENTS } from '../reserved'
import { streamId, streamKey } from '../streamKey'
import type { ContractDefinition, PresenceDefinition, PresenceMember } from '../types'
import { validate } from '../validate'
import { VolleyError } from '../VolleyError'
import { PresenceTracker, type AnySocket, type Held } from './presenceTracker'
import { report } from './report'
import type { MaybePromise, ServerConfig } from './types'

interface Registered {
  readonly definition: PresenceDefinition
  readonly authorize?: (context: {
    params: unknown
    socket: AnySocket
    meta: unknown
  }) => MaybePromise<boolean>
  readonly key?: (socket: AnySocket) => string
}

const invalid = (message: string): VolleyError => new VolleyError('VALIDATION_FAILED', message)
const fields = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}

/**
 * The presence of one namespace: what `io.presence` registered, the checks (params, meta, authorization),
 * the `track`/`update`/`untrack`/`list` of `VolleyPresence` and the server side of `$volley:presence:*`
 * (docs/protocol.md). The members and diffs are the `PresenceTracker`'s. @internal
 */
export class ServerPresence {
  readonly #registered = new Map<string, Registered>()
  readonly #tracker: PresenceTracker

  constructor(
    namespace: RawNamespace,
    private readonly contract: ContractDefinition,
    private readonly config: ServerConfig,
  ) {
    this.#tracker = new PresenceTracker(namespace, config)
  }

  #definition(name: string): PresenceDefinition | undefined {
    const presence = this.contract.presence
    return presence !== undefined && Object.prototype.hasOwnProperty.call(presence, name)
      ? presence[name]
      : undefined
  }

  /** Registers a kind of topic's server side (`io.presence`). */
  register(name: string, options: Omit<Registered, 'definition'> | undefined): void {
    const definition = this.#definition(name)
    if (definition === undefined) {
      throw new TypeError(`[volley] io.presence("${name}"): "${name}" is not a presence of this contract.`)
    }
    if (options !== undefined || !this.#registered.has(name)) {
      this.#registered.set(name, { ...options, definition })
    }
    this.#tracker.watch()
  }

  /** Stops following the store (the server closes). */
  dispose(): void {
    this.#tracker.dispose()
  }

  #registeredFor(name: string): Registered {
    const registered = this.#registered.get(name)
    if (registered === undefined) {
      throw new VolleyError('UNKNOWN_EVENT', `No presence "${name}" is served on this server.`)
    }
    return registered
  }

  async #checkMeta(name: string, meta: unknown): Promise<unknown> {
    if (exceedsDepth(meta, this.config.maxPayloadDepth)) {
      throw invalid(`[volley] The meta of "${name}" nests deeper than ${this.config.maxPayloadDepth} levels.`)
    }
    const checked = await validate(this.#registeredFor(name).definition.meta, meta)
    if (!checked.ok) throw invalidData(name, 'meta', checked)
    return checked.value
  }

  #hold(socket: AnySocket, name: string, params: unknown): Held {
    const keyOf = this.#registeredFor(name).key ?? ((held: AnySocket) => held.id)
    return this.#tracker.hold(socket, name, params, keyOf)
  }

  #find(socket: AnySocket, name: string, params: unknown): Held | undefined {
    this.#registeredFor(name)
    return this.#tracker.find(socket, streamId(streamKey(name, params)))
  }

  // The server API (VolleyPresence).

  /** Tracks a socket in a topic, or changes its meta. */
  async track(socket: AnySocket, name: string, params: unknown, meta: unknown): Promise<void> {
    const checked = await this.#checkMeta(name, meta)
    const held = this.#hold(socket, name, params)
    await this.#tracker.queue(held, () => this.#tracker.track(held, checked, true))
  }

  /** Changes the meta of a tracked socket; `false` when it is not tracked in the topic. */
  async update(socket: AnySocket, name: string, params: unknown, meta: unknown): Promise<boolean> {
    const checked = await this.#checkMeta(name, meta)
    const held = this.#find(socket, name, params)
    if (held === undefined) return false
    return this.#tracker.queue(held, async () => {
      if (held.ref === undefined) return false
      await this.#tracker.track(held, checked, held.byServer)
      return true
    })
  }

  /** Stops tracking a socket in a topic; `false` when it was not tracked. */
  async untrack(socket: AnySocket, name: string, params: unknown): Promise<boolean> {
    const held = this.#find(socket, name, params)
    if (held === undefined) return false
    return this.#tracker.queue(held, async () => {
      const untracked = await this.#tracker.untrack(held)
      this.#tracker.drop(held)
      return untracked
    })
  }

  /** The members of a topic, grouped by user key. */
  async list(name: string, params: unknown): Promise<PresenceMember[]> {
    this.#registeredFor(name)
    const entries = await this.config.presenceStore.list(this.#tracker.storeKey(streamKey(name, params)))
    return groupMembers(entries.map((entry, seq) => ({ ...entry, seq }))).members
  }

  // The protocol ($volley:presence:*).

  /** Answers a protocol request: never throws, reports failures. */
  #answer(
    socket: AnySocket,
    event: string,
    payload: unknown,
    ack: AckCallback | undefined,
    run: () => Promise<unknown>,
  ): void {
    run().then(
      (answer) => ack?.(okEnvelope(answer)),
      (thrown: unknown) => {
        const error = toPublicError(thrown)
        const phase = error.code === 'HANDLER_ERROR' || error.code === 'UNAUTHORIZED' ? 'handler' : 'event'
        report(this.config, error, { event, socket, payload, phase })
        ack?.(errorEnvelope(error))
      },
    )
  }

  /** `$volley:presence:join` `{ name, params, meta? }`: watches a topic (tracks with a meta); answers its state. */
  join(socket: AnySocket, payload: unknown, ack: AckCallback | undefined): void {
    this.#answer(socket, PROTOCOL_EVENTS.presenceJoin, payload, ack, async () => {
      const { name, params } = fields(payload)
      if (typeof name !== 'string') {
        throw invalid(
          `[volley] ${PROTOCOL_EVENTS.presenceJoin} takes { name, params, meta? } (see docs/protocol.md).`,
        )
      }
      const definition = this.#definition(name)
      if (definition === undefined) {
        throw new VolleyError('UNKNOWN_EVENT', `"${name}" is not a presence of this server's contract.`)
      }
      const registered = this.#registeredFor(name)
      if (exceedsDepth(params, this.config.maxPayloadDepth)) {
        throw invalid(
          `[volley] The params of "${name}" nest deeper than ${this.config.maxPayloadDepth} levels.`,
        )
      }
      const checked = await validate(definition.params, params)
      if (!checked.ok) throw invalidData(name, 'params', checked)
      const tracks = 'meta' in fields(payload)
      const meta = tracks ? await this.#checkMeta(name, fields(payload).meta) : undefined
      if (
        registered.authorize !== undefined &&
        !(await registered.authorize({ params: checked.value, socket, meta }))
      ) {
        throw new VolleyError(
          'UNAUTHORIZED',
          `Not allowed to join presence "${name}" with these params${tracks ? ' and meta' : ''}.`,
        )
      }
      if (!socket.connected) throw new VolleyError('DISCONNECTED', 'The client left while joining.')
      const held = this.#hold(socket, name, checked.value)
      return this.#tracker.queue(held, async () => {
        await this.#tracker.setWatching(held, true)
        if (tracks) await this.#tracker.track(held, meta)
        const state = await this.config.presenceStore.list(held.storeKey)
        return {
          topic: held.id,
          key: held.key,
          ...(held.ref === undefined ? {} : { ref: held.ref }),
          ...(held.byServer ? { trackedBy: 'server' } : {}),
          state: state.map(({ key, ref, meta: entryMeta }) => ({ key, ref, meta: entryMeta })),
        }
      })
    })
  }

  /** The socket's joined topic named by a request's `topic`. */
  #joined(socket: AnySocket, event: string, payload: unknown): Held {
    const { topic } = fields(payload)
    if (typeof topic !== 'string') throw invalid(`[volley] ${event} takes { topic } (see docs/protocol.md).`)
    const held = this.#tracker.find(socket, topic)
    if (held === undefined || !held.watching) {
      throw invalid(`[volley] ${event}: join the topic first (${PROTOCOL_EVENTS.presenceJoin}).`)
    }
    return held
  }

  /** `$volley:presence:track` `{ topic, meta }`: tracks this connection in a joined topic, or changes its meta. */
  trackJoined(socket: AnySocket, payload: unknown, ack: AckCallback | undefined): void {
    this.#answer(socket, PROTOCOL_EVENTS.presenceTrack, payload, ack, async () => {
      const held = this.#joined(socket, PROTOCOL_EVENTS.presenceTrack, payload)
      const meta = await this.#checkMeta(held.name, fields(payload).meta)
      const { authorize } = this.#registeredFor(held.name)
      if (authorize !== undefined && !(await authorize({ params: held.params, socket, meta }))) {
        throw new VolleyError(
          'UNAUTHORIZED',
          `Not allowed to track in presence "${held.name}" with this meta.`,
        )
      }
      return { ref: await this.#tracker.queue(held, () => this.#tracker.track(held, meta)) }
    })
  }

  /** `$volley:presence:untrack` (`watch` kept) and `$volley:presence:leave` `{ topic }`. */
  leave(socket: AnySocket, payload: unknown, ack: AckCallback | undefined, keepWatching: boolean): void {
    const event = keepWatching ? PROTOCOL_EVENTS.presenceUntrack : PROTOCOL_EVENTS.presenceLeave
    this.#answer(socket, event, payload, ack, async () => {
      const held = this.#joined(socket, event, payload)
      await this.#tracker.queue(held, async () => {
        await this.#tracker.untrack(held)
        if (!keepWatching) await this.#tracker.setWatching(held, false)
        this.#tracker.drop(held)
      })
      return undefined
    })
  }
}
