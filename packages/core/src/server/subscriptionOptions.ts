import type {
  ContractDefinition,
  InferSubscriptionParams,
  InferSubscriptionSnapshotInput,
  SubscriptionName,
} from '../types'
import type { Retention } from './subscriptionStore'
import type { MaybePromise } from './types'
import type { VolleySocket } from './VolleySocket'

/** What `authorize` and `snapshot` are told about a subscribe. */
export interface SubscriptionContext<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
  TData,
> {
  /** The validated params. */
  readonly params: InferSubscriptionParams<TContract, TName>
  /** The subscribing socket (its `auth`, `data`, rooms). */
  readonly socket: VolleySocket<TContract, TData>
}

/** What `snapshot` is told: the subscribe, and the cursor the client resumes from (if any). */
export interface SnapshotContext<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
  TData,
> extends SubscriptionContext<TContract, TName, TData> {
  /** The last cursor the client saw, `undefined` on a first subscribe. */
  readonly cursor: string | undefined
}

/**
 * Options of `io.subscription(name, options)`. `snapshot` is required when the contract declares a
 * snapshot schema for the subscription, and not accepted otherwise.
 */
export type SubscriptionOptions<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
  TData,
> = {
  /**
   * Decides whether a socket may subscribe with these params; `false` answers `UNAUTHORIZED`. Throw a
   * `VolleyError` to answer with its code and message. Defaults to allowing every socket.
   */
  readonly authorize?: (context: SubscriptionContext<TContract, TName, TData>) => MaybePromise<boolean>
  /** How much history each stream keeps for clients that resume. Defaults to `{ count: 1_000 }` (any age). */
  readonly retention?: Retention
} & (TContract extends {
  readonly subscriptions: { readonly [K in TName]: { readonly snapshot: unknown } }
}
  ? {
      /**
       * Builds the snapshot a client gets on every (re)subscribe instead of a replay (a document, a
       * presence list). Items published after it follow, so it should merge with items it already
       * reflects (they may arrive again).
       */
      readonly snapshot: (
        context: SnapshotContext<TContract, TName, TData>,
      ) => MaybePromise<InferSubscriptionSnapshotInput<TContract, TName>>
    }
  : { readonly snapshot?: never })
