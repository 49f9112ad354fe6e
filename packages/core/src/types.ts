import type { StandardSchemaV1 } from '@standard-schema/spec'

/** Any Standard Schema v1 validator: zod 4, valibot 1, arktype 2, and every other library that implements the spec. */
export type Schema<TInput = unknown, TOutput = TInput> = StandardSchemaV1<TInput, TOutput>

/** One event in a contract: its payload schema and, for request/response events, its ack schema. */
export interface EventDefinition {
  readonly payload: Schema
  readonly ack?: Schema
}

/** A map of event names to their definitions, for one direction. */
export type EventMap = { readonly [event: string]: EventDefinition }

/**
 * One resumable subscription in a contract: the parameters a client subscribes with (e.g. `{ room }`), the
 * items the server publishes, and optionally the snapshot the server sends instead of a replay.
 */
export interface SubscriptionDefinition {
  readonly params: Schema
  readonly item: Schema
  readonly snapshot?: Schema
}

/** A map of subscription names to their definitions. */
export type SubscriptionMap = { readonly [name: string]: SubscriptionDefinition }

/**
 * One kind of presence topic in a contract: the parameters that name a topic (e.g. `{ room }`) and the
 * meta each connection present in it carries (e.g. `{ name, status }`), validated when it is tracked.
 */
export interface PresenceDefinition {
  readonly params: Schema
  readonly meta: Schema
}

/** A map of presence names to their definitions. */
export type PresenceMap = { readonly [name: string]: PresenceDefinition }

/** The shape `defineContract` accepts. */
export interface ContractDefinition {
  readonly clientToServer: EventMap
  readonly serverToClient: EventMap
  /** Schema of the handshake `auth` object, validated by the server before a socket connects. */
  readonly auth?: Schema
  /** Resumable server-to-client streams: a client subscribes with params and receives items, even across reconnects. */
  readonly subscriptions?: SubscriptionMap
  /** Who is present where: per kind of topic, its params and the meta each connection carries. */
  readonly presence?: PresenceMap
}

/** A contract with no events: its event names are `never`. */
export interface EmptyContract {
  readonly clientToServer: Record<never, never>
  readonly serverToClient: Record<never, never>
}

export type { ReservedEventName } from './reserved'

type OutputOf<TSchema> = TSchema extends StandardSchemaV1 ? StandardSchemaV1.InferOutput<TSchema> : never
type InputOf<TSchema> = TSchema extends StandardSchemaV1 ? StandardSchemaV1.InferInput<TSchema> : never

/** The validated payload of an event definition: what a handler receives. */
export type InferPayload<TDef extends EventDefinition> = OutputOf<TDef['payload']>
/** The payload an emitter passes, before validation (differs from `InferPayload` for transforming schemas). */
export type InferPayloadInput<TDef extends EventDefinition> = InputOf<TDef['payload']>
/** The validated ack of an event definition; `void` when the event declares no `ack`. */
export type InferAck<TDef extends EventDefinition> = TDef extends { readonly ack: infer TAck }
  ? OutputOf<TAck>
  : void
/** The ack a handler returns, before validation; `void` when the event declares no `ack`. */
export type InferAckInput<TDef extends EventDefinition> = TDef extends { readonly ack: infer TAck }
  ? InputOf<TAck>
  : void

/**
 * What a handler may return: the ack (or a promise of it) for events that declare `ack`, anything for
 * fire-and-forget events (the value is ignored).
 */
export type InferHandlerResult<TDef extends EventDefinition> = TDef extends { readonly ack: infer TAck }
  ? InputOf<TAck> | Promise<InputOf<TAck>>
  : unknown

/** Names of the events a client sends to the server. */
export type ClientEventName<TContract extends ContractDefinition> = keyof TContract['clientToServer'] & string
/** Names of the events the server sends to clients. */
export type ServerEventName<TContract extends ContractDefinition> = keyof TContract['serverToClient'] & string

type RequestNames<TEvents extends EventMap> = {
  [K in keyof TEvents & string]: TEvents[K] extends { readonly ack: StandardSchemaV1 } ? K : never
}[keyof TEvents & string]

/** Client-to-server events that declare an `ack`: the ones `client.request` accepts. */
export type ClientRequestName<TContract extends ContractDefinition> = RequestNames<
  TContract['clientToServer']
>
/**
 * Client-to-server events without `ack` (fire and forget): the ones `client.volatile.emit` accepts.
 * @example
 * type Inputs = ClientEmitName<typeof game> // 'input' | 'typing', not 'room:join'
 */
export type ClientEmitName<TContract extends ContractDefinition> = {
  [K in ClientEventName<TContract>]: TContract['clientToServer'][K] extends { readonly ack: StandardSchemaV1 }
    ? never
    : K
}[ClientEventName<TContract>]
/** Server-to-client events that declare an `ack`: the ones `socket.request` accepts. */
export type ServerRequestName<TContract extends ContractDefinition> = RequestNames<
  TContract['serverToClient']
>

type ClientDef<
  TContract extends ContractDefinition,
  TEvent,
> = TEvent extends keyof TContract['clientToServer'] ? TContract['clientToServer'][TEvent] : never
type ServerDef<
  TContract extends ContractDefinition,
  TEvent,
> = TEvent extends keyof TContract['serverToClient'] ? TContract['serverToClient'][TEvent] : never

/** Validated payload of a client-to-server event, as the server handler sees it. */
export type InferClientPayload<
  TContract extends ContractDefinition,
  TEvent extends ClientEventName<TContract>,
> = InferPayload<ClientDef<TContract, TEvent>>
/** Payload a client passes to `emit`/`request` for a client-to-server event. */
export type InferClientPayloadInput<
  TContract extends ContractDefinition,
  TEvent extends ClientEventName<TContract>,
> = InferPayloadInput<ClientDef<TContract, TEvent>>
/** Validated ack of a client-to-server event, as `client.request` resolves it. */
export type InferClientAck<
  TContract extends ContractDefinition,
  TEvent extends ClientEventName<TContract>,
> = InferAck<ClientDef<TContract, TEvent>>
/** Ack a server handler returns for a client-to-server event. */
export type InferClientAckInput<
  TContract extends ContractDefinition,
  TEvent extends ClientEventName<TContract>,
> = InferAckInput<ClientDef<TContract, TEvent>>

/** What a server handler of a client-to-server event may return. */
export type InferClientHandlerResult<
  TContract extends ContractDefinition,
  TEvent extends ClientEventName<TContract>,
> = InferHandlerResult<ClientDef<TContract, TEvent>>

/** What a client handler of a server-to-client event may return. */
export type InferServerHandlerResult<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = InferHandlerResult<ServerDef<TContract, TEvent>>

/** Validated payload of a server-to-client event, as the client handler sees it. */
export type InferServerPayload<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = InferPayload<ServerDef<TContract, TEvent>>
/** Payload the server passes to `emit`/`request` for a server-to-client event. */
export type InferServerPayloadInput<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = InferPayloadInput<ServerDef<TContract, TEvent>>
/** Validated answer of a server-to-client request, as `socket.request` resolves it. */
export type InferServerAck<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = InferAck<ServerDef<TContract, TEvent>>
/** Answer a client handler returns for a server-to-client request. */
export type InferServerAckInput<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = InferAckInput<ServerDef<TContract, TEvent>>

/** Names of the contract's subscriptions (`never` when it declares none). */
export type SubscriptionName<TContract extends ContractDefinition> = TContract extends {
  readonly subscriptions: infer TSubscriptions
}
  ? keyof TSubscriptions & string
  : never

/** The definition of one subscription of a contract (`never` when the contract has no such subscription). */
export type SubscriptionDefinitionOf<TContract extends ContractDefinition, TName> = TContract extends {
  readonly subscriptions: infer TSubscriptions
}
  ? TName extends keyof TSubscriptions
    ? TSubscriptions[TName]
    : never
  : never

/** The validated parameters of a subscription, as the server's `authorize` and `snapshot` see them. */
export type InferSubscriptionParams<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
> =
  SubscriptionDefinitionOf<TContract, TName> extends { readonly params: infer TSchema }
    ? OutputOf<TSchema>
    : never
/** The parameters a client subscribes with (and the server publishes to), before validation. */
export type InferSubscriptionParamsInput<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
> =
  SubscriptionDefinitionOf<TContract, TName> extends { readonly params: infer TSchema }
    ? InputOf<TSchema>
    : never
/** A validated item of a subscription, as the client's `onItems` receives it. */
export type InferSubscriptionItem<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
> =
  SubscriptionDefinitionOf<TContract, TName> extends { readonly item: infer TSchema }
    ? OutputOf<TSchema>
    : never
/** An item the server publishes to a subscription. */
export type InferSubscriptionItemInput<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
> =
  SubscriptionDefinitionOf<TContract, TName> extends { readonly item: infer TSchema }
    ? InputOf<TSchema>
    : never
/** The validated snapshot of a subscription, as the client's `onSnapshot` receives it (`never` without one). */
export type InferSubscriptionSnapshot<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
> =
  SubscriptionDefinitionOf<TContract, TName> extends { readonly snapshot: infer TSchema }
    ? OutputOf<TSchema>
    : never
/** The snapshot the server's `snapshot` function returns (`never` when the subscription declares none). */
export type InferSubscriptionSnapshotInput<
  TContract extends ContractDefinition,
  TName extends SubscriptionName<TContract>,
> =
  SubscriptionDefinitionOf<TContract, TName> extends { readonly snapshot: infer TSchema }
    ? InputOf<TSchema>
    : never

/** Names of the contract's kinds of presence topics (`never` when it declares none). */
export type PresenceName<TContract extends ContractDefinition> = TContract extends {
  readonly presence: infer TPresence
}
  ? keyof TPresence & string
  : never

/** The definition of one kind of presence topic of a contract (`never` when the contract has none by that name). */
export type PresenceDefinitionOf<TContract extends ContractDefinition, TName> = TContract extends {
  readonly presence: infer TPresence
}
  ? TName extends keyof TPresence
    ? TPresence[TName]
    : never
  : never

/** The validated params of a presence topic, as the server's `authorize` and `list` see them. */
export type InferPresenceParams<TContract extends ContractDefinition, TName extends PresenceName<TContract>> =
  PresenceDefinitionOf<TContract, TName> extends { readonly params: infer TSchema }
    ? OutputOf<TSchema>
    : never
/** The params a client joins a presence topic with, before validation. */
export type InferPresenceParamsInput<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
> =
  PresenceDefinitionOf<TContract, TName> extends { readonly params: infer TSchema } ? InputOf<TSchema> : never
/** The validated meta of one connection present in a topic, as every member sees it. */
export type InferPresenceMeta<TContract extends ContractDefinition, TName extends PresenceName<TContract>> =
  PresenceDefinitionOf<TContract, TName> extends { readonly meta: infer TSchema } ? OutputOf<TSchema> : never
/** The meta a connection tracks itself with, before validation. */
export type InferPresenceMetaInput<
  TContract extends ContractDefinition,
  TName extends PresenceName<TContract>,
> = PresenceDefinitionOf<TContract, TName> extends { readonly meta: infer TSchema } ? InputOf<TSchema> : never

/** One connection present in a topic: its ref (unique per tracked connection) and its meta. */
export interface PresenceConnection<TMeta = unknown> {
  /** Made by the server when the connection starts being tracked; opaque. */
  readonly ref: string
  readonly meta: TMeta
}

/**
 * One user present in a topic, keyed by the server's `key(socket)` (by default every connection is its
 * own user): one meta per connection, so two tabs of one user are one member with two connections.
 */
export interface PresenceMember<TMeta = unknown> {
  /** The user key, from the server. */
  readonly key: string
  /** The user's connections in the topic, in the order they arrived (never empty). */
  readonly connections: readonly PresenceConnection<TMeta>[]
  /** The meta of the connection that joined or updated last: what to show for the user. */
  readonly meta: TMeta
}

/** The validated handshake `auth` of a contract; `undefined` when the contract declares none. */
export type InferAuth<TContract extends ContractDefinition> = TContract extends { readonly auth: infer TAuth }
  ? OutputOf<TAuth>
  : undefined
/** The handshake `auth` a client passes; `undefined` when the contract declares none. */
export type InferAuthInput<TContract extends ContractDefinition> = TContract extends {
  readonly auth: infer TAuth
}
  ? InputOf<TAuth>
  : undefined

/**
 * The arguments after the event name: the payload, optional when the schema accepts `undefined`.
 * @internal
 */
export type PayloadArgs<TPayload> = undefined extends TPayload ? [payload?: TPayload] : [payload: TPayload]

/** A function that removes the listener or subscription it was returned for. */
export type Unsubscribe = () => void

/** A validation problem, as carried by `VolleyError.issues` and on the wire. */
export interface VolleyIssue {
  readonly message: string
  readonly path?: ReadonlyArray<string | number>
}

/** Ack envelope, as it travels on the wire (see docs/protocol.md). */
export type AckEnvelope<TData = unknown> =
  { readonly ok: true; readonly data: TData } | { readonly ok: false; readonly error: WireError }

/** The error object inside a failed ack envelope. */
export interface WireError {
  readonly code: string
  readonly message: string
  readonly issues?: readonly VolleyIssue[]
}
