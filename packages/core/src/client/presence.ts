import type {
  ContractDefinition,
  InferPresenceMeta,
  InferPresenceMetaInput,
  InferPresenceParamsInput,
  PresenceName,
  Unsubscribe,
} from '../types'
import type { ClientPresence } from './clientPresence'
import type { PresenceTopic, TopicHolder } from './presenceTopic'
import type { PresenceSnapshot } from './types'

/**
 * One `client.presence` call: who is in a topic (a store: `subscribe`/`getSnapshot`, with `members`,
 * `others` and `me`), and this connection's own presence there (`update`, `untrack`), until `leave()`.
 * Calls with the same name and params share one topic on the server (the newest meta is this connection's);
 * it is left `releaseDelay` after the last call left (so a React StrictMode remount keeps it). After a
 * reconnect the client joins again and gets the full state.
 *
 * @example
 * const lobby = client.presence('room', { room: 'lobby' }, { meta: { name: 'Ada', status: 'online' } })
 * lobby.subscribe(() => render(lobby.getSnapshot().others))
 * await lobby.update({ name: 'Ada', status: 'away' })
 * lobby.leave()
 */
export class Presence<TContract extends ContractDefinition, TName extends PresenceName<TContract>> {
  readonly #manager: ClientPresence
  readonly #topic: PresenceTopic
  readonly #holder: TopicHolder
  readonly #release: () => void

  /** @internal Use `client.presence(name, params, options)`. */
  constructor(manager: ClientPresence, topic: PresenceTopic, holder: TopicHolder, release: () => void) {
    this.#manager = manager
    this.#topic = topic
    this.#holder = holder
    this.#release = release
  }

  /** The presence name. */
  get name(): TName {
    return this.#topic.name as TName
  }

  /** The params it was joined with. */
  get params(): InferPresenceParamsInput<TContract, TName> {
    return this.#topic.params as InferPresenceParamsInput<TContract, TName>
  }

  /**
   * Subscribes to changes of the topic's members and state.
   *
   * @example
   * const off = lobby.subscribe(() => render(lobby.getSnapshot()))
   * @param listener - called after each change
   * @returns a function that stops listening
   */
  subscribe = (listener: () => void): Unsubscribe => this.#topic.subscribe(listener)

  /**
   * Who is in the topic; the same object until something changes.
   *
   * @example
   * const { status, members, others, me } = lobby.getSnapshot()
   * @returns `{ status, error, members, others, me }`
   */
  getSnapshot = (): PresenceSnapshot<InferPresenceMeta<TContract, TName>> =>
    this.#topic.getSnapshot() as PresenceSnapshot<InferPresenceMeta<TContract, TName>>

  /**
   * Tracks this connection in the topic with a meta, or changes it (validated first: a meta that fails its
   * schema rejects at once and is not sent). Kept across reconnects.
   *
   * @example
   * await lobby.update({ name: 'Ada', status: 'away' })
   * @param meta - the new meta
   * @returns a promise that resolves once the server has it (after the next connection when offline);
   *   rejects with `VolleyError` (`VALIDATION_FAILED`, `DISCONNECTED` after `leave()` or `client.disconnect()`)
   */
  update(meta: InferPresenceMetaInput<TContract, TName>): Promise<void> {
    return this.#manager.setMeta(this.#topic, this.#holder, meta, true)
  }

  /**
   * Stops tracking this connection in the topic (others see it leave); it still watches.
   *
   * @example
   * await lobby.untrack()
   * @returns a promise that resolves once the server has untracked it
   */
  untrack(): Promise<void> {
    return this.#manager.setMeta(this.#topic, this.#holder, undefined, false)
  }

  /**
   * Ends this call: stops watching, and tracking unless another call with the same name and params
   * still holds a meta. Calling it twice leaves once.
   *
   * @example
   * lobby.leave()
   */
  leave(): void {
    this.#release()
  }
}
