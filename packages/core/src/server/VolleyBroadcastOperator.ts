import type { RemoteSocket } from 'socket.io'
import { payloadArgs } from '../incoming'
import type {
  ContractDefinition,
  EmptyContract,
  InferServerPayloadInput,
  PayloadArgs,
  ServerEventName,
} from '../types'

/** The part of socket.io's `Namespace` / `BroadcastOperator` that Volley builds on. @internal */
export interface RawOperator {
  to(room: string | readonly string[]): RawOperator
  in(room: string | readonly string[]): RawOperator
  except(room: string | readonly string[]): RawOperator
  readonly volatile: RawOperator
  readonly local: RawOperator
  compress(compress: boolean): RawOperator
  emit(event: string, ...args: unknown[]): boolean
  fetchSockets(): Promise<RemoteSocket<never, unknown>[]>
  socketsJoin(room: string | readonly string[]): void
  socketsLeave(room: string | readonly string[]): void
  disconnectSockets(close?: boolean): void
}

/**
 * A typed view over socket.io's `BroadcastOperator`: selects recipients by room, then emits contract
 * events to them. Every modifier returns a new operator; none changes the one it is called on.
 *
 * @example
 * io.to('room:lobby').except(socket.id).emit('message:new', message)
 */
export class VolleyBroadcastOperator<TContract extends ContractDefinition = EmptyContract> {
  /**
   * @param rawOperator - the socket.io operator or namespace to wrap
   * @param recovery - whether the server has connection state recovery on (see `emit`)
   * @param isVolatile - whether emits are volatile
   */
  constructor(
    protected readonly rawOperator: RawOperator,
    protected readonly recovery = false,
    private readonly isVolatile = false,
  ) {}

  #derive(rawOperator: RawOperator): VolleyBroadcastOperator<TContract> {
    return new VolleyBroadcastOperator(rawOperator, this.recovery, this.isVolatile)
  }

  /**
   * Targets a room (or rooms): only their members receive the emit.
   *
   * @example
   * io.to('room-101').to(['room-102', 'room-103']).emit('message:new', message)
   * @param room - a room name or several
   * @returns a new operator
   */
  to(room: string | readonly string[]): VolleyBroadcastOperator<TContract> {
    return this.#derive(this.rawOperator.to(room))
  }

  /**
   * Same as `to`.
   *
   * @example
   * io.in('room-101').emit('message:new', message)
   * @param room - a room name or several
   * @returns a new operator
   */
  in(room: string | readonly string[]): VolleyBroadcastOperator<TContract> {
    return this.#derive(this.rawOperator.in(room))
  }

  /**
   * Excludes a room (or a socket, by its id) from the recipients.
   *
   * @example
   * io.to('lobby').except(socket.id).emit('typing', { user })
   * @param room - a room name or several
   * @returns a new operator
   */
  except(room: string | readonly string[]): VolleyBroadcastOperator<TContract> {
    return this.#derive(this.rawOperator.except(room))
  }

  /**
   * Emits that may be dropped when a client is not ready (cursor positions, typing).
   *
   * @example
   * io.volatile.emit('cursor:move', position)
   * @returns a new operator
   */
  get volatile(): VolleyBroadcastOperator<TContract> {
    return new VolleyBroadcastOperator(this.rawOperator.volatile, this.recovery, true)
  }

  /**
   * Emits only to clients of this server, not to other nodes behind the adapter.
   *
   * @example
   * io.local.emit('stats', stats)
   * @returns a new operator
   */
  get local(): VolleyBroadcastOperator<TContract> {
    return this.#derive(this.rawOperator.local)
  }

  /**
   * Sets whether the emitted data is compressed.
   *
   * @example
   * io.compress(false).emit('tick', { at: Date.now() })
   * @param compress - `true` to compress
   * @returns a new operator
   */
  compress(compress: boolean): VolleyBroadcastOperator<TContract> {
    return this.#derive(this.rawOperator.compress(compress))
  }

  /**
   * Emits a server-to-client event to the selected clients. Not validated: validation happens once, where
   * data enters, never once per recipient. With connection state recovery on, socket.io appends an offset
   * to every stored event; a volatile event is not stored, so Volley appends `null` in its place, and the
   * last argument of an event without ack is never the payload (docs/protocol.md).
   *
   * @example
   * io.to(room).emit('message:new', { id, room, text, at })
   * @param event - a `serverToClient` event of the contract
   * @param args - its payload, the one argument after `event`
   * @returns `true`
   */
  emit<TEvent extends ServerEventName<TContract>>(
    event: TEvent,
    ...args: PayloadArgs<InferServerPayloadInput<TContract, TEvent>>
  ): boolean {
    if (this.isVolatile && this.recovery) return this.rawOperator.emit(event, ...payloadArgs(args[0]), null)
    return this.rawOperator.emit(event, ...payloadArgs(args[0]))
  }

  /**
   * Fetches the selected sockets, across nodes when an adapter is used (socket.io's `RemoteSocket`s).
   *
   * @example
   * const online = (await io.in(room).fetchSockets()).map((s) => s.data.name)
   * @returns the matching sockets
   */
  fetchSockets(): Promise<RemoteSocket<never, unknown>[]> {
    return this.rawOperator.fetchSockets()
  }

  /**
   * Makes the selected sockets join a room.
   *
   * @example
   * io.in(userId).socketsJoin('room-101')
   * @param room - a room name or several
   */
  socketsJoin(room: string | readonly string[]): void {
    this.rawOperator.socketsJoin(room)
  }

  /**
   * Makes the selected sockets leave a room.
   *
   * @example
   * io.in('room-101').socketsLeave('room-101')
   * @param room - a room name or several
   */
  socketsLeave(room: string | readonly string[]): void {
    this.rawOperator.socketsLeave(room)
  }

  /**
   * Disconnects the selected sockets.
   *
   * @example
   * io.in(userId).disconnectSockets()
   * @param close - also close the underlying connection. Defaults to `false`.
   */
  disconnectSockets(close = false): void {
    this.rawOperator.disconnectSockets(close)
  }
}
