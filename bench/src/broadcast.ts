import { resetCounter, ROOM, TEXT } from './contract'
import { connectAll } from './connectAll'
import type { RunResult } from './result'
import { now, percentile, sleep, within } from './stats'
import { startSession, type SessionOptions, type TargetName } from './targets'

/** Sizes of a broadcast run. */
export interface BroadcastOptions extends SessionOptions {
  /** Clients in the room. */
  readonly clients: number
  /** Broadcasts, one after the other. */
  readonly messages: number
  /** Upper bound for one broadcast to reach every client, in ms. Defaults to `10_000`. */
  readonly timeoutMs?: number
}

async function untilRoomHas(roomSize: () => number, size: number): Promise<void> {
  for (let waited = 0; roomSize() < size; waited += 10) {
    if (waited > 10_000) throw new Error(`only ${roomSize()} of ${size} clients joined the room`)
    await sleep(10)
  }
}

/**
 * Room broadcast: `clients` receivers join a room; a separate sender sends `messages` trigger requests,
 * one after the other. For each, the server validates the trigger (Volley) and broadcasts one message to
 * the room. Latency runs from the trigger to the last client's receipt; throughput is deliveries per second.
 *
 * @example
 * const result = await runBroadcast('volley', { clients: 500, messages: 100 })
 * @param target - `'raw'` or `'volley'`
 * @param options - sizes and Volley client settings
 * @returns the run's figures
 */
export async function runBroadcast(target: TargetName, options: BroadcastOptions): Promise<RunResult> {
  const { clients: size, messages } = options
  const session = await startSession(target, options)
  try {
    const receivers = await connectAll(session, 'receiver', size)
    const sender = await session.connect('sender')

    const received = new Array<number>(messages).fill(0)
    const waiting = new Map<number, () => void>()
    let stray = 0
    // Listen first: a subscription joins its stream's room when it subscribes.
    for (const receiver of receivers) {
      receiver.onTick((seq) => {
        if (!(seq >= 0 && seq < messages)) return void (stray += 1)
        received[seq]! += 1
        if (received[seq] === size) waiting.get(seq)?.()
      })
    }
    await untilRoomHas(() => session.roomSize(), size)

    resetCounter(session.serverValidations)
    resetCounter(session.clientValidations)
    const latencies: number[] = []
    const cpuAtStart = process.cpuUsage()
    const start = now()
    for (let seq = 0; seq < messages; seq += 1) {
      const sentAt = now()
      const everyone = new Promise<number>((resolve) => waiting.set(seq, () => resolve(now())))
      const [lastReceipt] = await within(
        Promise.all([everyone, sender.request('trigger', { room: ROOM, seq, text: TEXT })]),
        options.timeoutMs ?? 10_000,
        `broadcast #${seq} on ${target}`,
      )
      waiting.delete(seq)
      latencies.push(lastReceipt - sentAt)
    }
    const durationMs = now() - start
    const cpu = process.cpuUsage(cpuAtStart)
    const deliveries = received.reduce((sum, count) => sum + count, 0)
    return {
      scenario: 'broadcast',
      target,
      operations: deliveries,
      expected: size * messages,
      errors: session.errors + stray + (size * messages - deliveries),
      durationMs,
      throughput: (deliveries / durationMs) * 1000,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      cpuPerOp: deliveries === 0 ? 0 : (cpu.user + cpu.system) / deliveries,
      serverValidationsPerMessage: session.serverValidations.count / messages,
      clientValidationsPerOperation:
        deliveries === 0 ? 0 : (session.clientValidations.by.tick ?? 0) / deliveries,
    }
  } finally {
    await session.close()
  }
}
