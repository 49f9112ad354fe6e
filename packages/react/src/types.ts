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
  /**
   * Provides a client to the hooks below it and keeps it connected while mounted (`client.retain()` in an
   * effect): StrictMode and hot reload keep one connection, and server rendering opens none.
   *
   * @example
   * <VolleyProvider url="http://localhost:3000"><App /></VolleyProvider>
   * @param props - `client` (from `createClient`, with `autoConnect: false`), or `url` and `options` to
   *   create one once, lazily; and `children`
   * @returns the tree, with the client in context
   */
  readonly VolleyProvider: (props: VolleyProviderProps<TContract>) => JSX.Element

  /**
   * The typed client of the nearest `VolleyProvider`, for `emit`, `on` and `raw`.
   *
   * @example
   * const socket = useSocket()
   * socket.emit('typing', { room })
   * @returns the client; throws a `[volley]` error outside the provider of the same `createVolleyReact` call
   */
  readonly useSocket: () => VolleyClient<TContract>

  /**
   * The last payload of a server-to-client event; also calls the latest `handler` once per payload,
   * without re-subscribing when the handler changes. Re-renders once per payload of this event only.
   *
   * @example
   * const last = useSocketEvent('message:new', (message) => setMessages((all) => [...all, message]))
   * @param event - a `serverToClient` event of the contract
   * @param handler - optional; receives each validated payload
   * @returns the last payload received while the event was observed, `undefined` before the first one (and on the server)
   */
  readonly useSocketEvent: <TEvent extends ServerEventName<TContract>>(
    event: TEvent,
    handler?: UseSocketEventHandler<TContract, TEvent>,
  ) => UseSocketEventResult<TContract, TEvent>

  /**
   * Sends a request (a `clientToServer` event that declares `ack`) and tracks its state.
   *
   * @example
   * const { send, data, error, isPending } = useRequest('message:send', { timeout: 5_000 })
   * send({ room: 'lobby', text: 'hi' })
   * @param event - a `clientToServer` event with `ack` (fire-and-forget events do not compile)
   * @param options - `timeout` and `signal`, as for `client.request`; forwarded after each render
   * @returns `{ status, data, error, isPending, send, sendAsync, reset }`
   */
  readonly useRequest: <TEvent extends ClientRequestName<TContract>>(
    event: TEvent,
    options?: UseRequestOptions,
  ) => UseRequestResult<TContract, TEvent>

  /**
   * The connection snapshot; re-renders only when it changes.
   *
   * @example
   * const { status, lastError } = useConnectionStatus()
   * @returns `{ status, id, recovered, lastError, attempt }`
   */
  readonly useConnectionStatus: () => UseConnectionStatusResult
}
