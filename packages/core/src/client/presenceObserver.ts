import { streamKey } from '../streamKey'
import type {
  ContractDefinition,
  InferPresenceMeta,
  InferPresenceMetaInput,
  InferPresenceParamsInput,
  PresenceMember,
  PresenceName,
  Unsubscribe,
} from '../types'
import type { Presence } from './presence'
import { Subscribable } from './subscribable'
import type { PresenceJoinOptions, PresenceSnapshot } from './types'
import type { VolleyClient } from './VolleyClient'

/** Options of a `PresenceObserver`: those of `client.presence`, and whether to join at all. */
export type PresenceObserverOptions<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
> = PresenceJoinOptions<TContract, TName> & {
  /** `false` holds the presence off (e.g. until the user picks a room). Defaults to `true`. */
  enabled?: boolean
}

const EMPTY: readonly PresenceMember[] = Object.freeze([])
const IDLE: PresenceSnapshot = Object.freeze({
  status: 'pending',
  error: undefined,
  members: EMPTY,
  others: EMPTY,
  me: undefined,
})

/** A value's identity for comparing metas (key order aside); `undefined` stays `undefined`. */
function valueKey(value: unknown): string | undefined {
  if (value === undefined) return undefined
  try {
    return streamKey('', value)
  } catch {
    return String(Math.random())
  }
}

/**
 * The presence behind `usePresence` in React and Vue: joins the topic while it has listeners (so a
 * component's lifetime is its presence), tracks this connection with `meta` while one is given, sends a
 * new meta only when it changes in value (not in identity), and moves to new params only when they change
 * in value. `update(meta)` changes the meta imperatively (until `meta` in the options changes again). The
 * topic is shared and left after `releaseDelay`, so a StrictMode double mount tracks once.
 *
 * @example
 * const observer = new PresenceObserver(client, 'room', { room }, { meta: { name, status: 'online' } })
 * const stop = observer.subscribe(() => render(observer.getSnapshot().others))
 */
export class PresenceObserver<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
> extends Subscribable<PresenceSnapshot<InferPresenceMeta<TContract, TName>>> {
  #client: VolleyClient<TContract>
  #name: TName
  #params: InferPresenceParamsInput<TContract, TName>
  #options: PresenceObserverOptions<TContract, TName>
  #key: string
  /** The meta of the options, by value, as last applied. */
  #optionsMeta: string | undefined
  /** What this observer tracks with: the options' meta, or the last `update`. */
  #meta: { readonly value: InferPresenceMetaInput<TContract, TName> } | undefined
  #handle: Presence<TContract, TName> | undefined
  #stopState: Unsubscribe | undefined

  /**
   * @param client - the client
   * @param name - a presence of the contract
   * @param params - the topic's params
   * @param options - `meta`, `onError` and `enabled`
   */
  constructor(
    client: VolleyClient<TContract>,
    name: TName,
    params: InferPresenceParamsInput<TContract, TName>,
    options: PresenceObserverOptions<TContract, TName> = {},
  ) {
    super(IDLE as PresenceSnapshot<InferPresenceMeta<TContract, TName>>)
    this.#client = client
    this.#name = name
    this.#params = params
    this.#options = options
    this.#key = streamKey(name, params)
    this.#optionsMeta = valueKey(options.meta)
    this.#meta = options.meta === undefined ? undefined : { value: options.meta }
  }

  /**
   * Takes the latest arguments (adapters forward each render's here): `onError` is replaced at once; a
   * new meta value is sent; a new client, name or params value moves to another topic.
   *
   * @example
   * observer.setOptions(client, 'room', { room: nextRoom }, { meta: { name, status } })
   * @param client - the client
   * @param name - the presence
   * @param params - the topic's params
   * @param options - `meta`, `onError` and `enabled`
   */
  setOptions(
    client: VolleyClient<TContract>,
    name: TName,
    params: InferPresenceParamsInput<TContract, TName>,
    options: PresenceObserverOptions<TContract, TName> = {},
  ): void {
    this.#options = options
    const key = streamKey(name, params)
    const moved = client !== this.#client || key !== this.#key
    this.#client = client
    this.#name = name
    this.#params = params
    this.#key = key
    const metaKey = valueKey(options.meta)
    const metaChanged = metaKey !== this.#optionsMeta
    if (metaChanged) {
      this.#optionsMeta = metaKey
      this.#meta = options.meta === undefined ? undefined : { value: options.meta }
    }
    const wanted = this.hasListeners() && options.enabled !== false
    if (this.#handle === undefined) {
      if (wanted) this.#open()
      return
    }
    if (!wanted) return this.#close()()
    if (moved) {
      // Join the new topic before leaving the old: a shared topic is not left and joined again.
      const previous = this.#close()
      this.#open()
      return previous()
    }
    if (metaChanged) this.#send()
  }

  /**
   * Tracks this connection with a meta, or changes it (until the options' `meta` changes again).
   *
   * @example
   * await observer.update({ name: 'Ada', status: 'away' })
   * @param meta - the new meta
   * @returns a promise that resolves once the server has it; rejects with `VolleyError` (`VALIDATION_FAILED`…)
   */
  update = (meta: InferPresenceMetaInput<TContract, TName>): Promise<void> => {
    this.#meta = { value: meta }
    return this.#handle?.update(meta) ?? Promise.resolve()
  }

  protected override onSubscribe(): void {
    if (this.#options.enabled !== false) this.#open()
  }

  protected override onUnsubscribe(): void {
    this.#close()()
  }

  #send(): void {
    const handle = this.#handle
    if (handle === undefined) return
    const sent = this.#meta === undefined ? handle.untrack() : handle.update(this.#meta.value)
    // Refusals reach `onError` through the presence itself.
    sent.catch(() => {})
  }

  #open(): void {
    const handle = this.#client.presence(this.#name, this.#params, {
      ...(this.#meta === undefined ? {} : { meta: this.#meta.value }),
      onError: (error) => this.#options.onError?.(error),
    })
    this.#handle = handle
    this.#stopState = handle.subscribe(() => this.setSnapshot(handle.getSnapshot()))
    this.setSnapshot(handle.getSnapshot())
  }

  /** Stops following the current handle; returns what leaves it. */
  #close(): () => void {
    const handle = this.#handle
    this.#stopState?.()
    this.#stopState = undefined
    this.#handle = undefined
    if (handle !== undefined) this.setSnapshot(IDLE as PresenceSnapshot<InferPresenceMeta<TContract, TName>>)
    return () => handle?.leave()
  }
}
