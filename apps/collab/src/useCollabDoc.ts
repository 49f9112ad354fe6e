import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'
import * as Y from 'yjs'
import { toBytes, type Peer } from './contract'
import { useOnConnect, useSocket, useSocketEvent } from './volley'

/** Transaction origin of updates that came from the server (never sent back). */
export const REMOTE = Symbol('remote')

/** One shared document: its Y.Doc, the text as a ref, who is here, and whether we are in sync. */
export interface CollabDoc {
  readonly ydoc: Y.Doc
  readonly ytext: Y.Text
  /** The text, updated after every change (local or remote). */
  readonly text: Readonly<ShallowRef<string>>
  /** Everyone in the document, us included, as the server last reported. */
  readonly peers: Readonly<ShallowRef<readonly Peer[]>>
  /** `true` once the join handshake has exchanged what each side was missing. */
  readonly synced: Readonly<ShallowRef<boolean>>
  /** Publishes our selection (as Yjs relative positions). */
  setSelection(anchor: number, head: number): void
}

/**
 * Keeps a Y.Doc in sync with the server over Volley events. On every connection (`useOnConnect`) it runs
 * the sync step: send our state vector, apply the server's diff, send what the server is missing — so a
 * late joiner gets the whole document and offline edits merge on reconnect. When the connection drops,
 * the cleanup marks the document unsynced until the next sync.
 */
export function useCollabDoc(name: string, identity: { name: string; color: string }): CollabDoc {
  const client = useSocket()
  const ydoc = new Y.Doc()
  const ytext = ydoc.getText('content')
  const text = shallowRef(ytext.toString())
  const peers = shallowRef<readonly Peer[]>([])
  const synced = shallowRef(false)
  let selection: { anchor: Uint8Array; head: Uint8Array } | null = null

  ytext.observe(() => {
    text.value = ytext.toString()
  })

  const online = (): boolean => client.getSnapshot().status === 'connected'
  const sendPresence = (): void => {
    if (online() && synced.value)
      client.emit('presence:update', {
        doc: name,
        anchor: selection?.anchor ?? null,
        head: selection?.head ?? null,
      })
  }

  ydoc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE && online() && synced.value) client.emit('doc:update', { doc: name, update })
  })

  async function join(): Promise<void> {
    try {
      const answer = await client.request('doc:join', {
        doc: name,
        name: identity.name,
        color: identity.color,
        stateVector: Y.encodeStateVector(ydoc),
      })
      Y.applyUpdate(ydoc, toBytes(answer.update), REMOTE)
      client.emit('doc:update', {
        doc: name,
        update: Y.encodeStateAsUpdate(ydoc, toBytes(answer.stateVector)),
      })
      synced.value = true
      sendPresence()
    } catch (error) {
      console.warn('[collab] join failed; retrying on the next connection', error)
    }
  }

  useOnConnect(() => {
    void join()
    return () => {
      synced.value = false
      peers.value = []
    }
  })

  useSocketEvent('doc:update', (message) => {
    if (message.doc === name) Y.applyUpdate(ydoc, toBytes(message.update), REMOTE)
  })
  useSocketEvent('presence:state', (message) => {
    if (message.doc === name) peers.value = message.peers
  })

  onScopeDispose(() => ydoc.destroy())

  return {
    ydoc,
    ytext,
    text,
    peers,
    synced,
    setSelection(anchor, head) {
      const encode = (index: number): Uint8Array =>
        Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(ytext, index, -1))
      selection = { anchor: encode(anchor), head: encode(head) }
      sendPresence()
    },
  }
}

/** Resolves an encoded relative position to an index in the current text, or `undefined`. */
export function resolvePosition(ydoc: Y.Doc, encoded: Uint8Array | null): number | undefined {
  if (encoded === null) return undefined
  return Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(toBytes(encoded)), ydoc)?.index
}
