// A flooding client in its own process (so that its CPU does not count against the victims' timing).
// Configured by SOAK_FLOOD (JSON: url, frame, durationMs); reports { sent, closedAfterMs } over IPC.
import { RawSocket } from '../wire/rawSocket'

const { url, frame, durationMs } = JSON.parse(process.env.SOAK_FLOOD ?? '{}') as {
  url: string
  frame: string
  durationMs: number
}
const socket = await RawSocket.connect(url, { record: false })
await socket.join('/')
const start = performance.now()
let closedAfterMs: number | undefined
void socket.closed.then(() => void (closedAfterMs = performance.now() - start))
process.send?.({ started: true })
const sent = await socket.flood(frame, Number.MAX_SAFE_INTEGER, () => performance.now() - start > durationMs)
// Closed before the flood ended: the server disconnected it.
const kicked = !socket.isOpen
await socket.close()
process.send?.({ sent, closedAfterMs: kicked ? closedAfterMs : undefined }, () => process.exit(0))
