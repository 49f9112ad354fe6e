import type { ContractDefinition, InferPresenceMeta, InferPresenceParams, PresenceName } from '../types'
import type { MaybePromise } from './types'
import type { VolleySocket } from './VolleySocket'

/** What `authorize` of `io.presence` is told about a join. */
export interface PresenceContext<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
  TData,
> {
  /** The validated params: which topic. */
  readonly params: InferPresenceParams<TContract, TName>
  /** The joining socket (its `auth`, `data`, rooms). */
  readonly socket: VolleySocket<TContract, TData>
  /**
   * The validated meta the client tracks itself with (when it joins with one, or tracks or updates later),
   * or `undefined` when it only watches. Refuse metas to keep what is shown in the server's hands
   * (`io.presence(…).track`).
   */
  readonly meta: InferPresenceMeta<TContract, TName> | undefined
}

/** Options of `io.presence(name, options)`. */
export interface PresenceOptions<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
  TData,
> {
  /**
   * Decides whether a socket may join a topic (watch it, and track itself in it); asked again, with the
   * `meta`, each time the client tracks or updates itself later. `false` answers `UNAUTHORIZED`. Throw a
   * `VolleyError` to answer with its code and message. Defaults to allowing every socket.
   *
   * @example
   * // Pages watch; only the server tracks, with names from the session.
   * io.presence('viewers', { authorize: ({ meta }) => meta === undefined })
   */
  readonly authorize?: (context: PresenceContext<TContract, TName, TData>) => MaybePromise<boolean>
  /**
   * The user a socket is: connections with the same key are one member (two tabs of one user are one
   * member with two metas). Read once per socket and topic, when it joins or is tracked. Defaults to the
   * socket id (every connection is its own member).
   */
  readonly key?: (socket: VolleySocket<TContract, TData>) => string
}
