import type {
  ClientRequestName,
  ContractDefinition,
  InferClientAck,
  InferClientPayloadInput,
  PayloadArgs,
} from '../types'
import { VolleyError } from '../VolleyError'
import { Subscribable } from './subscribable'
import type { VolleyClient } from './VolleyClient'
import type { ClientRequestOptions } from './types'

/** The state of a request made through a `RequestObserver`; the same object until it changes. */
export interface RequestSnapshot<TAck> {
  /** `idle` before the first send, then `pending`, `success` or `error`. */
  readonly status: 'idle' | 'pending' | 'success' | 'error'
  /** The last successful ack. */
  readonly data: TAck | undefined
  /** The last failure, always a `VolleyError`. */
  readonly error: VolleyError | undefined
  /** `status === 'pending'`. */
  readonly isPending: boolean
}

const IDLE: RequestSnapshot<never> = Object.freeze({
  status: 'idle',
  data: undefined,
  error: undefined,
  isPending: false,
})

function toVolleyError(error: unknown): VolleyError {
  if (VolleyError.is(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return new VolleyError('HANDLER_ERROR', message, { cause: error })
}

/**
 * The state machine behind `useRequest`: sends a request, tracks `pending` / `success` / `error`, and
 * ignores answers to sends that a later send replaced.
 *
 * @example
 * const observer = new RequestObserver(client, 'message:send')
 * observer.subscribe(() => render(observer.getSnapshot()))
 * observer.send({ room: 'lobby', text: 'hi' })
 */
export class RequestObserver<
  TContract extends ContractDefinition,
  TEvent extends ClientRequestName<TContract>,
> extends Subscribable<RequestSnapshot<InferClientAck<TContract, TEvent>>> {
  #sequence = 0

  /**
   * @param client - the client to send with
   * @param event - a `clientToServer` event that declares `ack`
   * @param options - request options (`timeout`)
   */
  constructor(
    private client: VolleyClient<TContract>,
    private event: TEvent,
    private options: ClientRequestOptions = {},
  ) {
    super(IDLE)
  }

  /**
   * Points the observer at another client, event or options (adapters forward changed hook arguments here).
   *
   * @example
   * observer.setOptions(client, 'message:send', { timeout: 5_000 })
   * @param client - the client
   * @param event - the event
   * @param options - request options
   */
  setOptions(client: VolleyClient<TContract>, event: TEvent, options: ClientRequestOptions = {}): void {
    this.client = client
    this.event = event
    this.options = options
  }

  #set(snapshot: RequestSnapshot<InferClientAck<TContract, TEvent>>): void {
    this.setSnapshot(Object.freeze(snapshot))
  }

  /**
   * Sends the request and resolves to the ack; rejects with `VolleyError`. The snapshot follows along.
   *
   * @example
   * const { id } = await observer.sendAsync({ room, text })
   * @param args - the request payload (optional when the schema accepts `undefined`)
   * @returns the ack
   */
  sendAsync(
    ...args: PayloadArgs<InferClientPayloadInput<TContract, TEvent>>
  ): Promise<InferClientAck<TContract, TEvent>> {
    return this.#run(args[0] as InferClientPayloadInput<TContract, TEvent>)
  }

  async #run(
    payload: InferClientPayloadInput<TContract, TEvent>,
  ): Promise<InferClientAck<TContract, TEvent>> {
    const sequence = ++this.#sequence
    this.#set({ status: 'pending', data: this.getSnapshot().data, error: undefined, isPending: true })
    try {
      const data = await this.client.request(this.event, payload, this.options)
      if (sequence === this.#sequence)
        this.#set({ status: 'success', data, error: undefined, isPending: false })
      return data
    } catch (thrown) {
      const error = toVolleyError(thrown)
      if (sequence === this.#sequence)
        this.#set({ status: 'error', data: this.getSnapshot().data, error, isPending: false })
      throw error
    }
  }

  /**
   * Sends the request; the outcome lands in the snapshot (`data` or `error`), never as a rejection.
   *
   * @example
   * observer.send({ room, text })
   * @param args - the request payload (optional when the schema accepts `undefined`)
   */
  send(...args: PayloadArgs<InferClientPayloadInput<TContract, TEvent>>): void {
    this.#run(args[0] as InferClientPayloadInput<TContract, TEvent>).catch(() => {})
  }

  /**
   * Back to `idle`; answers to earlier sends are ignored.
   *
   * @example
   * observer.reset()
   */
  reset(): void {
    this.#sequence += 1
    this.#set(IDLE)
  }
}
