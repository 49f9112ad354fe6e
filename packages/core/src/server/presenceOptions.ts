import type { ContractDefinition, InferPresenceParams, PresenceName } from '../types'
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
}

/** Options of `io.presence(name, options)`. */
export interface PresenceOptions<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
  TData,
> {
  /**
   * Decides whether a socket may join a topic (watch it, and track itself in it); `false` answers
   * `UNAUTHORIZED`. Throw a `VolleyError` to answer with its code and message. Defaults to allowing every
   * socket.
   */
  readonly authorize?: (context: PresenceContext<TContract, TName, TData>) => MaybePromise<boolean>
  /**
   * The user a socket is: connections with the same key are one member (two tabs of one user are one
   * member with two metas). Read once per socket and topic, when it joins or is tracked. Defaults to the
   * socket id (every connection is its own member).
   */
  readonly key?: (socket: VolleySocket<TContract, TData>) => string
}
