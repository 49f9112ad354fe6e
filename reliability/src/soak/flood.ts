import { RawSocket } from '../wire/rawSocket'
import type { ServerConfig } from './serverProtocol'
import { forkTsx, spawnServer } from './spawnServer'
import { percentile, sleep } from './stats'

/** Victims' request latency before, during and after a flood. */
export interface FloodResult {
  readonly name: string
  /** p99 in ms without the flood. */
  readonly baseline: number
  /** p99 in ms while the flooder is connected. */
  readonly flooding: number
  /** p99 in ms once the flooder was disconnected (when it was). */
  readonly afterDisconnect: number | undefined
  /** When the server disconnected the flooder, in ms after it started. */
  readonly disconnectedAfterMs: number | undefined
  /** Messages the flooder sent. */
  readonly sent: number
}

interface Sample {
  readonly at: number
  readonly latency: number
}

async function victim(socket: RawSocket, samples: Sample[], stop: () => boolean): Promise<void> {
  for (let n = 0; !stop(); n += 1) {
    const start = performance.now()
    await socket.request('echo', { text: 'hi', n })
    samples.push({ at: start, latency: performance.now() - start })
  }
}

/**
 * `victims` clients send requests one after the other for `phaseMs` without a flood, then for
 * `floodMs` while another process floods the server with valid fire-and-forget `input` events.
 */
export async function measureFlood(
  name: string,
  config: ServerConfig,
  victims: number,
  phaseMs: number,
  floodMs: number,
): Promise<FloodResult> {
  const server = await spawnServer({ ...config, logger: 'silent' })
  const sockets = await Promise.all(
    Array.from({ length: victims }, () => RawSocket.connect(server.url, { record: false })),
  )
  try {
    await Promise.all(sockets.map((socket) => socket.join('/')))
    const samples: Sample[] = []
    let stopped = false
    const running = Promise.all(sockets.map((socket) => victim(socket, samples, () => stopped)))
    await sleep(phaseMs)
    const flooder = forkTsx('./floodProcess.ts', {
      SOAK_FLOOD: JSON.stringify({
        url: server.url,
        frame: '42["input",{"x":1,"y":2}]',
        durationMs: floodMs,
      }),
    })
    flooder.stderr?.resume()
    const started = await new Promise<number>((resolve) =>
      flooder.once('message', () => resolve(performance.now())),
    )
    const report = await new Promise<{ sent: number; closedAfterMs?: number }>((resolve) =>
      flooder.on('message', (message: { sent?: number; closedAfterMs?: number }) => {
        if (message.sent !== undefined) resolve({ sent: message.sent, closedAfterMs: message.closedAfterMs })
      }),
    )
    const end = started + floodMs
    await sleep(Math.max(0, end - performance.now()))
    stopped = true
    await running
    const kickedAt = report.closedAfterMs === undefined ? undefined : started + report.closedAfterMs
    const p99 = (from: number, to: number): number =>
      percentile(
        samples.filter((s) => s.at >= from && s.at < to).map((s) => s.latency),
        0.99,
      )
    return {
      name,
      baseline: p99(0, started),
      flooding: p99(started, kickedAt ?? end),
      afterDisconnect: kickedAt === undefined ? undefined : p99(kickedAt + 100, end),
      disconnectedAfterMs: report.closedAfterMs,
      sent: report.sent,
    }
  } finally {
    for (const socket of sockets) socket.terminate()
    await server.stop()
  }
}
