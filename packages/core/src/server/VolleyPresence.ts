import type {
  ContractDefinition,
  InferPresenceMeta,
  InferPresenceMetaInput,
  InferPresenceParams,
  PresenceMember,
  PresenceName,
} from '../types'
import type { AnySocket } from './presenceTracker'
import type { ServerPresence } from './serverPresence'
import type { VolleySocket } from './VolleySocket'

/**
 * One kind of presence topic of the contract, served by this server (from `io.presence(name, options)`):
 * track sockets in a topic (`track`, `update`, `untrack`) and read who is there (`list`). Clients join
 * topics themselves with `client.presence` / `usePresence`; a socket is untracked everywhere when it
 * disconnects. Members are keyed by user (`key` of `io.presence`) with one meta per connection.
 *
 * @example
 * const rooms = io.presence('room', { key: (socket) => socket.data.user.id })
 * io.on('connection', (socket) => {
 *   socket.on('room:enter', async ({ room }) => {
 *     await rooms.track(socket, { room }, { name: socket.data.user.name, status: 'online' })
 *     return { members: await rooms.list({ room }) }
 *   })
 * })
 */
export class VolleyPresence<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
  TData = Record<string, unknown>,
> {
  readonly #presence: ServerPresence

  /** @internal Use `io.presence(name, options)`. */
  constructor(
    presence: ServerPresence,
    /** The presence name in the contract. */
    readonly name: TName,
  ) {
    this.#presence = presence
  }

  /**
   * Tracks a socket in a topic with a meta (a join diff to the topic's watchers), or changes its meta when
   * it is already tracked there (an update diff). The meta is validated by the contract.
   *
   * @example
   * await rooms.track(socket, { room: 'lobby' }, { name: 'Ada', status: 'online' })
   * @param socket - the socket
   * @param params - the topic's params, as validated params look
   * @param meta - the socket's meta
   * @returns a promise that resolves once the member is stored and the diff sent; rejects with
   *   `VolleyError` `VALIDATION_FAILED` for a meta that fails its schema, `DISCONNECTED` for a socket that left
   */
  track(
    socket: VolleySocket<TContract, TData>,
    params: InferPresenceParams<TContract, TName>,
    meta: InferPresenceMetaInput<TContract, TName>,
  ): Promise<void> {
    return this.#presence.track(socket as unknown as AnySocket, this.name, params, meta)
  }

  /**
   * Changes the meta of a socket tracked in a topic (an update diff); does nothing when it is not tracked.
   *
   * @example
   * await rooms.update(socket, { room: 'lobby' }, { name: 'Ada', status: 'away' })
   * @param socket - the socket
   * @param params - the topic's params
   * @param meta - the new meta, validated by the contract
   * @returns `true` when the socket was tracked (and is updated), `false` otherwise
   */
  update(
    socket: VolleySocket<TContract, TData>,
    params: InferPresenceParams<TContract, TName>,
    meta: InferPresenceMetaInput<TContract, TName>,
  ): Promise<boolean> {
    return this.#presence.update(socket as unknown as AnySocket, this.name, params, meta)
  }

  /**
   * Stops tracking a socket in a topic (a leave diff). A socket that disconnects is untracked from every
   * topic on its own.
   *
   * @example
   * await rooms.untrack(socket, { room: 'lobby' })
   * @param socket - the socket
   * @param params - the topic's params
   * @returns `true` when the socket was tracked there, `false` otherwise
   */
  untrack(
    socket: VolleySocket<TContract, TData>,
    params: InferPresenceParams<TContract, TName>,
  ): Promise<boolean> {
    return this.#presence.untrack(socket as unknown as AnySocket, this.name, params)
  }

  /**
   * Who is in a topic now, on every server that shares the presence store: one member per user key, in
   * the order they arrived, each with its connections' metas.
   *
   * @example
   * const members = await rooms.list({ room: 'lobby' })
   * const names = members.map((member) => member.meta.name)
   * @param params - the topic's params
   * @returns the members
   */
  list(
    params: InferPresenceParams<TContract, TName>,
  ): Promise<PresenceMember<InferPresenceMeta<TContract, TName>>[]> {
    return this.#presence.list(this.name, params) as Promise<
      PresenceMember<InferPresenceMeta<TContract, TName>>[]
    >
  }
}
