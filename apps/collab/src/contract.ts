import { defineContract } from '@volley/core'
import { z } from 'zod'

/**
 * Binary Yjs data. socket.io delivers a `Buffer` in Node (a `Uint8Array`) and may deliver an
 * `ArrayBuffer` in the browser: accept both and always hand a `Uint8Array` to the handler.
 */
export const bytes = z
  .custom<Uint8Array | ArrayBuffer>(
    (value) => value instanceof Uint8Array || value instanceof ArrayBuffer,
    'Expected binary data',
  )
  .transform((value) => (value instanceof Uint8Array ? value : new Uint8Array(value)))

const docName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w-]+$/)

/** A person in a document: name, colour, and their selection as encoded Yjs relative positions. */
export const peer = z.object({
  id: z.string(),
  name: z.string().min(1).max(32),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  anchor: bytes.nullable(),
  head: bytes.nullable(),
})

export type Peer = z.output<typeof peer>

export const collab = defineContract({
  clientToServer: {
    /** Sync step 1: send our state vector, get the server's diff and state vector back. */
    'doc:join': {
      payload: z.object({ doc: docName, name: peer.shape.name, color: peer.shape.color, stateVector: bytes }),
      ack: z.object({ update: bytes, stateVector: bytes }),
    },
    /** A Yjs update made locally (or the part of our state the server was missing). */
    'doc:update': { payload: z.object({ doc: docName, update: bytes }) },
    /** Our caret / selection moved (relative positions survive concurrent edits). */
    'presence:update': {
      payload: z.object({ doc: docName, anchor: bytes.nullable(), head: bytes.nullable() }),
    },
  },
  serverToClient: {
    'doc:update': { payload: z.object({ doc: docName, update: bytes }) },
    'presence:state': { payload: z.object({ doc: docName, peers: z.array(peer) }) },
  },
})

/** Copies any binary-ish value into a `Uint8Array` (what Yjs wants). */
export function toBytes(value: Uint8Array | ArrayBuffer): Uint8Array {
  return value instanceof Uint8Array ? value : new Uint8Array(value)
}
