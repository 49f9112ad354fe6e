import type {
  ClientRequestName,
  ContractDefinition,
  InferClientAck,
  InferClientPayloadInput,
  InferServerPayload,
  PayloadArgs,
  ServerEventName,
} from '@volley/core'
import type {
  ClientRequestOptions,
  ConnectionSnapshot,
  CreateClientOptions,
  RequestSnapshot,
  VolleyClient,
} from '@volley/core/client'
import type { JSX, ReactNode } from 'react'

/** Props of a `VolleyProvider`: an existing `client`, or a `url` and `options` to create one. */
export type VolleyProviderProps<TContract extends ContractDefinition> = {
  readonly children?: ReactNode
} & (
  | {
      /** A client from `createClient` (create it with `autoConnect: false`; the provider connects it). */
      readonly client: VolleyClient<TContract>
      readonly url?: never
      readonly options?: never
    }
  | {
      readonly client?: never
      /** The server (and namespace) to connect to; omit it for the page's origin. Read once, on first render. */
      readonly url?: string
      /** `createClient` options, read once on first render (`autoConnect` is always `false`). */
      readonly options?: CreateClientOptions<TContract>
    }
)

/** The handler of `useSocketEvent`: receives each validated payload of the event. */
export type UseSocketEventHandler<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = (payload: InferServerPayload<TContract, TEvent>) => void

/** What `useSocketEvent` returns: the last payload of the event, `undefined` before the first. */
export type UseSocketEventResult<
  TContract extends ContractDefinition,
  TEvent extends ServerEventName<TContract>,
> = InferServerPayload<TContract, TEvent> | undefined

/** Options of `useRequest`: the options of `client.request` (`timeout`, `signal`). */
export type UseRequestOptions = ClientRequestOptions

/** What `useRequest` returns: the request's state (`status`, `data`, `error`, `isPending`) and its actions. */
export interface UseRequestResult<
  TContract extends ContractDefinition,
  TEvent extends ClientRequestName<TContract>,
> extends RequestSnapshot<InferClientAck<TContract, TEvent>> {
  /** Sends the request; the outcome lands in `data` or `error`, never as a rejection. */
  readonly send: (...args: PayloadArgs<InferClientPayloadInput<TContract, TEvent>>) => void
  /** Sends the request and resolves to the ack; rejects with a `VolleyError`. */
  readonly sendAsync: (
    ...args: PayloadArgs<InferClientPayloadInput<TContract, TEvent>>
  ) => Promise<InferClientAck<TContract, TEvent>>
  /** Back to `idle`; answers to earlier sends are ignored. */
  readonly reset: () => void
}

/** What `useConnectionStatus` returns: the client's connection snapshot. */
export type UseConnectionStatusResult = ConnectionSnapshot

/** The provider and hooks `createVolleyReact(contract)` returns, all typed by that contract. */
export interface VolleyReact<TContract extends ContractDefinition> {
  /** Provides the client to the hooks below it and keeps it connected while mounted. */
  readonly VolleyProvider: (props: VolleyProviderProps<TContract>) => JSX.Element
  /** The typed client of the nearest `VolleyProvider`. */
  readonly useSocket: () => VolleyClient<TContract>
  /** The last payload of a server-to-client event; calls `handler` for each one. */
  readonly useSocketEvent: <TEvent extends ServerEventName<TContract>>(
    event: TEvent,
    handler?: UseSocketEventHandler<TContract, TEvent>,
  ) => UseSocketEventResult<TContract, TEvent>
  /** Sends a request (an event with `ack`) and tracks its state. */
  readonly useRequest: <TEvent extends ClientRequestName<TContract>>(
    event: TEvent,
    options?: UseRequestOptions,
  ) => UseRequestResult<TContract, TEvent>
  /** The connection snapshot: `status`, `id`, `recovered`, `lastError`, `attempt`. */
  readonly useConnectionStatus: () => UseConnectionStatusResult
}
