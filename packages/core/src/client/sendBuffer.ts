import type { Socket } from 'socket.io-client'
import { OutgoingRequests, type SendBuffer } from '../outgoing'
import { VolleyError } from '../VolleyError'
import { reportClient, type IncomingConfig } from './handleServerEvent'

/** socket.io-client internals used to withdraw a request that was buffered while offline. */
interface SocketInternals {
  ids?: number
  sendBuffer?: { id?: number }[]
  acks?: Record<number, unknown>
}

/**
 * socket.io-client's send buffer, as the outgoing request path sees it: requests made while offline are
 * buffered by socket.io and sent on reconnect; one that times out or is aborted before that is taken out
 * of the buffer (packet and ack callback). @internal
 */
function sendBufferOf(socket: Socket): SendBuffer {
  const internals = socket as unknown as SocketInternals
  return {
    isConnected: () => socket.connected,
    nextId: () => internals.ids,
    withdraw(id) {
      if (id === undefined) return
      if (internals.sendBuffer)
        internals.sendBuffer = internals.sendBuffer.filter((packet) => packet.id !== id)
      if (internals.acks) delete internals.acks[id]
    },
  }
}

/**
 * The client's outgoing requests: acks checked per `validateIncoming`, requests that were sent rejected
 * with `DISCONNECTED` when the connection drops, buffered ones marked sent when it comes back. @internal
 * @param socket - the client socket
 * @param config - the client's incoming settings (validation, depth, logging)
 * @returns the outgoing request path of this client
 */
export function createOutgoing(socket: Socket, config: IncomingConfig): OutgoingRequests {
  const outgoing = new OutgoingRequests(
    socket,
    {
      peer: 'server',
      validate: config.validate,
      maxDepth: config.maxPayloadDepth,
      report: (error, event) => reportClient(config, event, error),
    },
    sendBufferOf(socket),
  )
  socket.on('connect', () => outgoing.markSent())
  socket.on('disconnect', (reason) => {
    if (outgoing.pending.size === 0) return
    outgoing.fail(
      new VolleyError('DISCONNECTED', `The connection was lost before the server answered (${reason}).`),
      'sent',
    )
  })
  return outgoing
}
